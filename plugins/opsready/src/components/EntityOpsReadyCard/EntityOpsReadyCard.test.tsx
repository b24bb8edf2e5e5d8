import { screen } from '@testing-library/react';
import { DateTime } from 'luxon';
import { OpsReadyApi } from '../../api/OpsReadyApi';
import {
  backendError,
  deployment,
  emptyApi,
  errorEvent,
  evaluation,
  evaluationWith,
  notice,
  hoursFromNow,
  maintenanceWindow,
  pendingUptime,
} from '../../__testUtils__/testData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { EntityOpsReadyCard, scoreColor } from './EntityOpsReadyCard';

function renderCard(api: Partial<OpsReadyApi>) {
  return renderForEntity(<EntityOpsReadyCard />, { api: emptyApi(api) });
}

describe('EntityOpsReadyCard', () => {
  it('says the entity is in maintenance, until when and why, while a window is in force', async () => {
    const end = hoursFromNow(48);
    await renderCard({
      getMaintenanceWindows: jest.fn().mockResolvedValue({
        items: [
          maintenanceWindow({
            reason: 'Database upgrade',
            nextOccurrence: { start: hoursFromNow(-1), end },
          }),
        ],
      }),
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      `In maintenance until ${DateTime.fromISO(end).toLocaleString(
        DateTime.DATETIME_MED,
      )}: Database upgrade`,
    );
    expect(await screen.findByText('Score 60 / 100')).toBeInTheDocument();
  });

  it('says nothing of maintenance when none is in force, and only a line when it cannot tell', async () => {
    await renderCard({
      getMaintenanceWindows: jest.fn().mockResolvedValue({
        items: [
          maintenanceWindow({
            active: false,
            nextOccurrence: { start: hoursFromNow(5), end: hoursFromNow(6) },
          }),
        ],
      }),
    });
    expect(await screen.findByText('Score 60 / 100')).toBeInTheDocument();
    expect(screen.queryByText(/In maintenance/)).not.toBeInTheDocument();

    await renderCard({
      getMaintenanceWindows: jest
        .fn()
        .mockRejectedValue(await backendError('No maintenance here', 503)),
    });
    expect(
      await screen.findByText('Maintenance windows could not be read.'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Score 60 / 100')).toHaveLength(2);
  });

  it("shows the entity's score, level, counts and what needs attention, status in words", async () => {
    const getEntityEvaluation = jest.fn().mockResolvedValue(evaluation);
    await renderCard({ getEntityEvaluation });

    expect(await screen.findByText('Score 60 / 100')).toBeInTheDocument();
    expect(screen.getByText('Level: bronze')).toBeInTheDocument();
    expect(screen.getByText('silver needs 15 more points')).toBeInTheDocument();
    expect(screen.getByText('1 passing · 1 failing')).toBeInTheDocument();
    // Only what needs attention is listed, with its status in words.
    expect(screen.getByText('Needs attention')).toBeInTheDocument();
    expect(screen.getByText('Fail')).toBeInTheDocument();
    expect(screen.getByText('No description is set.')).toBeInTheDocument();
    expect(
      screen.queryByText('Owned by group:default/payments.'),
    ).not.toBeInTheDocument();
    expect(screen.getByText('5 minutes ago')).toBeInTheDocument();
    expect(getEntityEvaluation).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkoutservice',
    });
  });

  it('shows a pending check as waiting for data, with the date it counts from, not as needing attention', async () => {
    await renderCard({
      getEntityEvaluation: jest
        .fn()
        .mockResolvedValue(
          evaluationWith([...evaluation.checks, pendingUptime]),
        ),
    });
    expect(
      await screen.findByText('1 passing · 1 failing · 1 pending'),
    ).toBeInTheDocument();
    const waiting = screen.getByRole('list', {
      name: 'Checks waiting for data',
    });
    expect(waiting).toHaveTextContent('Pending Uptime target met');
    expect(waiting).toHaveTextContent(
      'Pending — waiting for the first probe; counts from Dec 14, 2026',
    );
    expect(
      screen.getByRole('list', { name: 'Checks that need attention' }),
    ).not.toHaveTextContent('Uptime target met');
    expect(screen.getByLabelText('Pending checks')).toHaveTextContent(
      '1 check is pending, left out of this score until its first data arrives or until Dec 14, 2026.',
    );
  });

  it('lists failing checks first, at most five, and says how many more', async () => {
    const failing = (i: number, status: 'fail' | 'unknown') => ({
      ...evaluation.checks[1],
      id: `check.${status}.${i}`,
      title: `${status} check ${i}`,
      result: {
        checkId: `check.${status}.${i}`,
        status,
        message: `${status} ${i}`,
      },
    });
    await renderCard({
      getEntityEvaluation: jest
        .fn()
        .mockResolvedValue(
          evaluationWith([
            failing(1, 'unknown'),
            failing(2, 'unknown'),
            failing(3, 'unknown'),
            failing(4, 'fail'),
            failing(5, 'fail'),
            failing(6, 'unknown'),
            evaluation.checks[0],
          ]),
        ),
    });
    expect(
      await screen.findByText('1 passing · 2 failing · 4 unknown'),
    ).toBeInTheDocument();
    const listed = screen
      .getAllByText(/^(fail|unknown) check \d$/)
      .map(e => e.textContent);
    expect(listed).toEqual([
      'Fail fail check 4',
      'Fail fail check 5',
      'Unknown unknown check 1',
      'Unknown unknown check 2',
      'Unknown unknown check 3',
    ]);
    expect(screen.getByText('and 1 more')).toBeInTheDocument();
  });

  it('names the failing critical checks that hold the next level back', async () => {
    await renderCard({
      getEntityEvaluation: jest.fn().mockResolvedValue({
        ...evaluation,
        score: 95,
        level: 'silver',
        nextLevel: {
          name: 'gold',
          minScore: 90,
          pointsNeeded: 0,
          blockingChecks: ['kubernetes.no-literal-secrets'],
        },
      }),
    });
    expect(
      await screen.findByText(
        'gold needs no failing critical check (kubernetes.no-literal-secrets)',
      ),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    await renderCard({ getEntityEvaluation: () => new Promise(() => {}) });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows what went wrong when the backend fails', async () => {
    const error = await backendError(
      'No entity component:default/checkoutservice in the catalog',
    );
    await renderCard({
      getEntityEvaluation: jest.fn().mockRejectedValue(error),
    });
    // The headline is the backend's reason, not just "Request failed with 404".
    expect(
      await screen.findByText(
        'Error: No entity component:default/checkoutservice in the catalog',
      ),
    ).toBeInTheDocument();
  });

  it('says so when no check applies instead of showing a score', async () => {
    await renderCard({
      getEntityEvaluation: jest
        .fn()
        .mockResolvedValue({ ...evaluation, score: null, checks: [] }),
    });
    expect(
      await screen.findByText('No OpsReady checks apply to this entity'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Score/)).not.toBeInTheDocument();
  });
});

describe('the health line', () => {
  it('says a declared endpoint is not probed yet, rather than undeclared', async () => {
    await renderCard({
      getHealth: jest.fn().mockResolvedValue({
        entityRef: 'component:default/checkoutservice',
        declared: [
          { environment: 'default', url: 'http://refund/healthz' },
          { environment: 'staging', url: 'http://refund.staging/healthz' },
        ],
        problems: [],
        endpoints: [],
      }),
    });
    expect(await screen.findByLabelText('Health')).toHaveTextContent(
      'Health: default, staging not probed yet',
    );
  });

  it('points at the annotation when nothing is declared', async () => {
    await renderCard({});
    expect(await screen.findByLabelText('Health')).toHaveTextContent(
      'Health: no endpoint declared (annotation opsready.io/health-url)',
    );
  });
});

describe('the owners-told line', () => {
  it('says when the owners were last told about a problem still open, linking to it', async () => {
    const getNotifications = jest
      .fn()
      .mockResolvedValue({ items: [notice(12)] });
    await renderCard({ getNotifications });
    const line = await screen.findByLabelText('Owners told');
    expect(line).toHaveTextContent(
      'Owners told 12 minutes ago: checkoutservice down',
    );
    expect(
      screen.getByRole('link', { name: 'checkoutservice down' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkoutservice/opsready-errors',
    );
    // The latest notice on an open problem, not every notice.
    expect(getNotifications).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkoutservice' },
      { open: true },
      { limit: 1 },
    );
  });

  it('does not say the owners were told when a maintenance window holds the notice', async () => {
    const until = DateTime.now()
      .set({ hour: 14, minute: 0, second: 0, millisecond: 0 })
      .toISO()!;
    await renderCard({
      getNotifications: jest.fn().mockResolvedValue({
        items: [
          notice(3, {
            status: 'held',
            heldBy: { windowId: 'w1', reason: 'Redis upgrade', until },
          }),
        ],
      }),
    });
    const line = await screen.findByLabelText('Owners told');
    expect(line).toHaveTextContent(
      'Held from the owners 3 minutes ago: checkoutservice down · maintenance until 14:00',
    );
    expect(line).not.toHaveTextContent(/^Owners told/);
  });

  it('says nothing when no problem is open', async () => {
    const getNotifications = jest.fn().mockResolvedValue({ items: [] });
    await renderCard({ getNotifications });
    expect(await screen.findByLabelText('Health')).toBeInTheDocument();
    expect(getNotifications).toHaveBeenCalled();
    expect(screen.queryByLabelText('Owners told')).not.toBeInTheDocument();
    expect(screen.queryByText(/Owners told/)).not.toBeInTheDocument();
  });

  it('keeps the card whole when the notification log cannot be read, with a quiet note', async () => {
    await renderCard({
      getNotifications: jest
        .fn()
        .mockRejectedValue(await backendError('No such route', 500)),
    });
    expect(
      await screen.findByText(
        'Could not tell when the owners were last told about an open problem.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Score 60 / 100')).toBeInTheDocument();
    expect(await screen.findByLabelText('Health')).toBeInTheDocument();
    expect(screen.queryByText(/No such route/)).not.toBeInTheDocument();
  });
});

describe('scoreColor', () => {
  const palette = { status: { ok: 'green', warning: 'amber', error: 'red' } };
  it('takes the percent the Gauge passes, not a fraction', () => {
    expect(scoreColor(palette, 20)).toBe('red');
    expect(scoreColor(palette, 50)).toBe('amber');
    expect(scoreColor(palette, 79)).toBe('amber');
    expect(scoreColor(palette, 80)).toBe('green');
  });

  it('shows health, what is deployed where and open errors by severity, each linking to its tab', async () => {
    await renderCard({
      getHealth: jest.fn().mockResolvedValue({
        entityRef: 'component:default/checkoutservice',
        declared: [],
        problems: [],
        endpoints: [
          {
            environment: 'production',
            url: 'https://x/healthz',
            status: 'up',
            since: null,
            flapping: false,
            windows: {},
            lastTransitions: [],
          },
          {
            environment: 'staging',
            url: 'https://y/healthz',
            status: 'down',
            since: null,
            flapping: true,
            windows: {},
            lastTransitions: [],
          },
        ],
      }),
      getEnvironments: jest.fn().mockResolvedValue({
        items: [
          {
            environment: 'production',
            version: '1.0.7',
            status: 'succeeded',
            deploymentId: 'd7',
            deployedAt: deployment(1).startedAt,
            drift: false,
          },
        ],
      }),
      getErrors: jest.fn().mockResolvedValue({
        items: [
          errorEvent(1, { severity: 'critical' }),
          errorEvent(2),
          errorEvent(3),
        ],
      }),
    });
    expect(
      await screen.findByText(/production Up · staging Down \(flapping\)/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Deployed')).toHaveTextContent(
      'production 1.0.7 (1 hour ago)',
    );
    expect(screen.getByLabelText('Open errors')).toHaveTextContent(
      '1 critical · 2 high',
    );
    expect(screen.getByRole('link', { name: 'Errors' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkoutservice/opsready-errors',
    );
    expect(screen.getByRole('link', { name: 'Deployments' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkoutservice/opsready-deployments',
    );
  });

  it('lists each scorecard with its score and level, linked to its tab, when there are several', async () => {
    await renderCard({
      getEntityEvaluation: jest.fn().mockResolvedValue({
        ...evaluation,
        scorecards: [
          evaluation.scorecards[0],
          {
            ...evaluation.scorecards[0],
            id: 'security',
            title: 'Security',
            score: 92,
            level: 'gold',
          },
        ],
      }),
    });
    const list = await screen.findByRole('list', { name: 'Scorecards' });
    expect(list).toHaveTextContent(
      'Production readiness60, bronzeSecurity92, gold',
    );
    expect(screen.getByRole('link', { name: 'Security' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkoutservice/opsready-compliance?scorecard=security',
    );
  });

  it('lists no scorecards when there is one: the gauge is it', async () => {
    await renderCard({
      getEntityEvaluation: jest.fn().mockResolvedValue(evaluation),
    });
    expect(await screen.findByText('Score 60 / 100')).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Scorecards' }),
    ).not.toBeInTheDocument();
  });
});
