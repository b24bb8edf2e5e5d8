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
      'The candidate must be a mapping with `checks` and `scoring`',
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
