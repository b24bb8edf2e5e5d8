import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import {
  deployment,
  emptyApi,
  errorEvent,
  hoursFromNow,
} from '../../__testUtils__/testData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { EntityErrorsContent } from './EntityErrorsContent';

const crash = errorEvent(1, {
  severity: 'critical',
  category: 'resource',
  message: 'CrashLoopBackOff in paymentservice',
  stackTrace: 'Error: boom\n    at main (server.js:1:1)',
  userImpact: 'Checkout fails for every user',
  count: 12,
});

describe('EntityErrorsContent', () => {
  it('charts errors with deployments, lists them grouped, and shows the timeline', async () => {
    const getErrors = jest
      .fn()
      .mockResolvedValue({ items: [crash, errorEvent(2)] });
    // The chart counts what the backend counted, not the rows listed.
    const hour = (hoursAgo: number) =>
      DateTime.now()
        .minus({ hours: hoursAgo })
        .toUTC()
        .startOf('hour')
        .toISO()!;
    const getErrorSeries = jest.fn().mockResolvedValue({
      from: '',
      to: '',
      items: [
        { at: hour(30), critical: 3, high: 0, medium: 1, low: 0 },
        { at: hour(2), critical: 1, high: 2, medium: 0, low: 5 },
      ],
      environments: ['production', 'staging'],
    });
    const api = emptyApi({
      getErrors,
      getErrorSeries,
      getDeployments: jest.fn().mockResolvedValue({ items: [deployment(1)] }),
      getTimeline: jest.fn().mockResolvedValue({
        from: '',
        to: '',
        items: [
          {
            id: 'deployment:d1',
            type: 'deployment',
            at: deployment(1).startedAt,
            title: '1.0.1 succeeded',
            environment: 'production',
            details: {},
            links: [{ title: 'CI run', url: 'https://ci.example.com/runs/1' }],
          },
        ],
      }),
    });
    await renderForEntity(<EntityErrorsContent />, { api });

    expect(
      await screen.findByText(/12 error events and 1 deployments/),
    ).toBeInTheDocument();
    expect(getErrorSeries).toHaveBeenCalledWith(expect.anything(), {
      from: expect.any(String),
      to: expect.any(String),
    });
    const table = screen
      .getByRole('button', { name: 'CrashLoopBackOff in paymentservice' })
      .closest('tr')!;
    expect(within(table).getByText('Critical')).toBeInTheDocument();
    expect(within(table).getByText('12')).toBeInTheDocument();
    // Open errors by default, grouped, in the chosen range.
    expect(getErrors).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        status: 'open',
        view: 'grouped',
        from: expect.any(String),
      }),
      { cursor: undefined, limit: 25 },
    );
    // The environment filter offers where the counted errors came from.
    await userEvent.click(screen.getByRole('button', { name: /Environment/ }));
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual(expect.arrayContaining(['production', 'staging']));
    await userEvent.keyboard('{Escape}');
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(within(timeline).getByText(/1\.0\.1 succeeded/)).toBeInTheDocument();
    expect(
      within(timeline).getByRole('link', { name: /CI run/ }),
    ).toBeInTheDocument();
  });

  it('opens an error in full and resolves it with notes, then reloads the list', async () => {
    const resolveError = jest
      .fn()
      .mockResolvedValue({ ...crash, status: 'resolved' });
    const getErrors = jest.fn().mockResolvedValue({ items: [crash] });
    await renderForEntity(<EntityErrorsContent />, {
      api: emptyApi({ getErrors, resolveError }),
      allowed: true,
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'CrashLoopBackOff in paymentservice',
      }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Error: boom');
    expect(
      within(dialog).getByText('User impact: Checkout fails for every user'),
    ).toBeInTheDocument();
    const callsBefore = getErrors.mock.calls.length;
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Resolution notes' }),
      'Raised memory limit',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(resolveError).toHaveBeenCalledWith('e1', 'Raised memory limit');
    await waitFor(() =>
      expect(getErrors.mock.calls.length).toBeGreaterThan(callsBefore),
    );
  });

  it('names the version and environment the error followed, and when it finished', async () => {
    const finishedAt = new Date(Date.now() - 3 * 3600_000).toISOString();
    const followed = {
      ...crash,
      deploymentId: 'd-7f3a',
      deployment: {
        version: '2.3.0',
        environment: 'production',
        status: 'succeeded' as const,
        startedAt: new Date(Date.now() - 4 * 3600_000).toISOString(),
        finishedAt,
      },
    };
    await renderForEntity(<EntityErrorsContent />, {
      api: emptyApi({
        getErrors: jest.fn().mockResolvedValue({ items: [followed] }),
      }),
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'CrashLoopBackOff in paymentservice',
      }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Followed the deployment of 2.3.0 to production, finished 3 hours ago.',
    );
    expect(dialog).not.toHaveTextContent('d-7f3a');
    const time = within(dialog)
      .getAllByText('3 hours ago')
      .find(el => el.tagName === 'TIME')!;
    expect(time).toHaveAttribute('dateTime', finishedAt);
    await userEvent.hover(time);
    expect(
      await screen.findByRole('tooltip', {
        name: DateTime.fromISO(finishedAt).toLocaleString(
          DateTime.DATETIME_FULL,
        ),
      }),
    ).toBeInTheDocument();
  });

  it('keeps "Resolve" from users without the permission, saying why', async () => {
    await renderForEntity(<EntityErrorsContent />, {
      api: emptyApi({
        getErrors: jest.fn().mockResolvedValue({ items: [crash] }),
      }),
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'CrashLoopBackOff in paymentservice',
      }),
    );
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/Seen 12 times/)).toBeInTheDocument();
    const resolve = within(dialog).getByRole('button', { name: 'Resolve' });
    expect(resolve).toBeDisabled();
    expect(
      within(dialog).getByTitle(
        "Only this entity's owners and the platform team may resolve its errors.",
      ),
    ).toContainElement(resolve);
    expect(
      within(dialog).queryByLabelText('Resolution notes'),
    ).not.toBeInTheDocument();
  });

  it('says where errors come from when none is recorded', async () => {
    await renderForEntity(<EntityErrorsContent />, { api: emptyApi() });
    expect(await screen.findByText('No errors recorded')).toBeInTheDocument();
    expect(
      screen.getByText('Nothing happened in this range.'),
    ).toBeInTheDocument();
  });
  it('shades maintenance on the errors chart and shows it on the uptime strip', async () => {
    const day = (daysAgo: number) =>
      DateTime.now().toUTC().minus({ days: daysAgo }).startOf('day').toISO()!;
    const getHealthHistory = jest.fn().mockResolvedValue({
      from: '',
      to: '',
      bucket: 'day',
      items: [
        {
          environment: 'production',
          bucketStart: day(2),
          probes: 1440,
          uptime: 0.995,
          maintenanceProbes: 60,
          p50Ms: 20,
          p95Ms: 40,
          p99Ms: 80,
        },
        {
          environment: 'production',
          bucketStart: day(1),
          probes: 1440,
          uptime: null,
          maintenanceProbes: 1440,
          p50Ms: 20,
          p95Ms: 40,
          p99Ms: 80,
        },
      ],
      maintenance: [
        {
          windowId: 'w1',
          start: hoursFromNow(-40),
          end: hoursFromNow(-20),
          reason: 'Database upgrade',
        },
      ],
    });
    await renderForEntity(<EntityErrorsContent />, {
      api: emptyApi({
        getHealthHistory,
        getErrors: jest.fn().mockResolvedValue({ items: [crash] }),
      }),
    });
    expect(
      await screen.findByText(/Shaded: maintenance \(Database upgrade\)\./),
    ).toBeInTheDocument();
    const strip = screen.getByRole('list', {
      name: 'Uptime of production by day',
    });
    const cells = within(strip).getAllByRole('listitem');
    expect(cells[0]).toHaveAccessibleName(
      /: 99\.5% up, 60 probes in maintenance left out$/,
    );
    expect(cells[1]).toHaveAccessibleName(/: maintenance, not counted$/);
  });

  it('still shows the errors when uptime cannot be read', async () => {
    await renderForEntity(<EntityErrorsContent />, {
      api: emptyApi({
        getHealthHistory: jest
          .fn()
          .mockRejectedValue(new Error('Health is away')),
        getErrors: jest.fn().mockResolvedValue({ items: [crash] }),
      }),
    });
    expect(
      await screen.findByText(/error events and 0 deployments/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Uptime could not be read: Health is away'),
    ).toBeInTheDocument();
  });
});
