import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { opsreadyApiRef, ScorecardPreview } from '../../api/OpsReadyApi';
import { backendError, emptyApi } from '../../__testUtils__/testData';
import { PolicyWhatIfTab } from './PolicyWhatIfTab';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

const inForce = {
  checks: { disabled: [], overrides: {} },
  scoring: {
    warnCredit: 0.5,
    levels: [
      { name: 'bronze', minScore: 50, noFailingCritical: false },
      { name: 'silver', minScore: 75, noFailingCritical: false },
    ],
  },
};

const preview: ScorecardPreview = {
  entities: 40,
  changed: 12,
  entitiesPerGroup: 2,
  groups: [
    {
      summary: '12 components drop from silver to bronze',
      kind: 'component',
      from: 'silver',
      to: 'bronze',
      direction: 'down',
      count: 12,
      entities: [
        {
          entityRef: 'component:default/cartservice',
          title: 'Cart service',
          scoreBefore: 78,
          scoreAfter: 66,
        },
        {
          entityRef: 'component:default/adservice',
          title: 'adservice',
          scoreBefore: 75,
          scoreAfter: 70,
        },
      ],
      causes: [{ change: 'kubernetes.pdb weight 1→3', entities: 12 }],
    },
  ],
  scoreDelta: { min: -12, avg: -2.5, max: 0, scored: 40 },
  levelsBefore: { silver: 30, bronze: 10 },
  levelsAfter: { silver: 18, bronze: 22 },
  changes: ['kubernetes.pdb weight 1→3'],
  notPreviewed: [
    {
      change: 'catalog.docs appliesTo',
      reason: 'The stored evaluations do not keep types.',
    },
  ],
  scorecards: [],
};

/** The answer for a candidate that touches a second scorecard. */
const withSecurity: ScorecardPreview = {
  ...preview,
  notPreviewed: [
    {
      change: 'security scope',
      reason:
        '3 entities were last evaluated before type, lifecycle and tags were kept: scope unknown until next evaluation',
    },
  ],
  scorecards: [
    {
      id: 'production-readiness',
      title: 'Production readiness',
      status: 'changed',
      entities: 40,
      changed: 12,
      groups: preview.groups,
      scoreDelta: preview.scoreDelta,
      levelsBefore: preview.levelsBefore,
      levelsAfter: preview.levelsAfter,
      changes: ['kubernetes.pdb weight 1→3'],
    },
    {
      id: 'security',
      title: 'Security',
      status: 'changed',
      entities: 25,
      changed: 4,
      groups: [
        {
          summary: '4 components enter the scorecard at safe',
          kind: 'component',
          from: null,
          to: 'safe',
          direction: 'up',
          scope: 'entering',
          count: 4,
          entities: [
            {
              entityRef: 'component:default/checkout',
              title: 'Checkout',
              scoreBefore: null,
              scoreAfter: 90,
            },
          ],
          causes: [
            {
              change:
                'security: scope lifecycles production → production, experimental',
              entities: 4,
            },
          ],
        },
      ],
      scoreDelta: { min: -5, avg: -1, max: 0, scored: 21 },
      levelsBefore: { safe: 15, none: 6 },
      levelsAfter: { safe: 19, none: 6 },
      changes: [
        'security: scope lifecycles production → production, experimental',
        'security: weight of kubernetes.security-context 1→3',
      ],
    },
  ],
};

async function renderTab(
  apis: Parameters<typeof emptyApi>[0] = {},
): Promise<ReturnType<typeof emptyApi>> {
  const api = emptyApi({
    getScorecardConfig: jest.fn().mockResolvedValue(inForce),
    previewScorecards: jest.fn().mockResolvedValue(preview),
    ...apis,
  });
  await renderInTestApp(
    <TestApiProvider apis={[[opsreadyApiRef, api]]}>
      <PolicyWhatIfTab />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

const editor = () =>
  screen.findByRole('textbox', { name: 'Candidate configuration' });

function typeCandidate(element: HTMLElement, candidate: unknown) {
  fireEvent.change(element, {
    target: { value: stringifyYaml(candidate) },
  });
}

describe('PolicyWhatIfTab', () => {
  it('starts from the configuration in force and shows which entities a candidate moves, and why', async () => {
    const api = await renderTab();
    const text = await editor();
    // Shown as YAML, the way app-config writes it.
    expect(parseYaml((text as HTMLTextAreaElement).value)).toEqual(inForce);
    expect((text as HTMLTextAreaElement).value).toContain('scoring:\n');

    const candidate = {
      ...inForce,
      checks: { overrides: { 'kubernetes.pdb': { weight: 3 } } },
    };
    typeCandidate(text, candidate);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));

    expect(
      await screen.findByText('12 of 40 entities change level'),
    ).toBeInTheDocument();
    expect(api.previewScorecards).toHaveBeenCalledWith(candidate);
    const group = screen.getByRole('table', {
      name: '12 components drop from silver to bronze',
    });
    expect(
      within(group).getByRole('link', { name: 'Cart service' }),
    ).toHaveAttribute('href', '/catalog/default/component/cartservice');
    expect(within(group).getByText('66')).toBeInTheDocument();
    expect(screen.getByText('kubernetes.pdb weight 1→3 (12)')).toBeVisible();
    expect(screen.getByText('and 10 more not listed')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Not previewed: catalog.docs appliesTo',
    );
    const levels = screen.getByRole('table', {
      name: 'Entities per level, before and after',
    });
    expect(within(levels).getByText('22')).toBeInTheDocument();
  });

  it('sends scorecards as typed, and shows each scorecard in its own tab', async () => {
    const api = await renderTab({
      previewScorecards: jest.fn().mockResolvedValue(withSecurity),
    });
    const candidate = {
      ...inForce,
      scorecards: [
        { id: 'production-readiness', title: 'Production readiness' },
        {
          id: 'security',
          title: 'Security',
          checks: ['kubernetes.*'],
          weights: { 'kubernetes.security-context': 3 },
          appliesTo: { lifecycles: ['production', 'experimental'] },
        },
      ],
    };
    typeCandidate(await editor(), candidate);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(api.previewScorecards).toHaveBeenCalledWith(candidate);

    // The first scorecard, the entity's score, is shown first.
    const security = await screen.findByRole('tab', {
      name: 'Security (changed, 4 change level)',
    });
    expect(
      screen.getByRole('tab', {
        name: 'Production readiness (changed, 12 change level)',
      }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('12 of 40 entities change level')).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Not previewed: security scope',
    );

    await userEvent.click(security);
    expect(screen.getByText('4 of 25 entities change level')).toBeVisible();
    expect(
      screen.getByText(
        'security: scope lifecycles production → production, experimental (4)',
      ),
    ).toBeVisible();
    const group = screen.getByRole('table', {
      name: '4 components enter the scorecard at safe',
    });
    expect(
      within(group).getByRole('link', { name: 'Checkout' }),
    ).toBeInTheDocument();
    const levels = screen.getByRole('table', {
      name: 'Security: entities per level, before and after',
    });
    const safe = within(levels).getByRole('row', { name: /safe/ });
    expect(
      within(safe)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['safe', '15', '19']);
    expect(
      screen.queryByText('12 of 40 entities change level'),
    ).not.toBeInTheDocument();
  });

  it('says so when no entity changes level', async () => {
    await renderTab({
      previewScorecards: jest.fn().mockResolvedValue({
        ...preview,
        changed: 0,
        groups: [],
        changes: [],
        notPreviewed: [],
      }),
    });
    await editor();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(
      await screen.findByText('No entity changes level'),
    ).toBeInTheDocument();
  });

  it("shows the backend's 400 as it comes", async () => {
    await renderTab({
      previewScorecards: jest
        .fn()
        .mockRejectedValue(
          await backendError(
            'Invalid candidate: opsready.scoring.warnCredit is a share from 0 to 1, got 2',
            400,
          ),
        ),
    });
    await editor();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(
      await screen.findByText(
        'Invalid candidate: opsready.scoring.warnCredit is a share from 0 to 1, got 2',
      ),
    ).toBeInTheDocument();
  });

  it('refuses text that does not parse, or is not a mapping, without asking the backend', async () => {
    const api = await renderTab();
    fireEvent.change(await editor(), { target: { value: '{ checks: ' } });
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The candidate is not valid YAML',
    );
    fireEvent.change(await editor(), { target: { value: '- a\n- b\n' } });
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The candidate must be a mapping with `checks`, `scoring` and/or `scorecards`',
    );
    expect(api.previewScorecards).not.toHaveBeenCalled();
  });

  it('shows why the configuration in force could not be read', async () => {
    await renderTab({
      getScorecardConfig: jest
        .fn()
        .mockRejectedValue(await backendError('The backend is starting', 503)),
    });
    expect(
      await screen.findByText('The backend is starting'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Preview' }),
    ).not.toBeInTheDocument();
  });
});
