import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotFoundError } from '@backstage/errors';
import type {
  CampaignSummary,
  EntityCampaign,
  EntityEvaluation,
  SloStatus,
} from '@opsready/plugin-opsready-common';
import type { CampaignReads } from '../campaigns/types';
import { registerOpsReadyActions } from './registerOpsReadyActions';
import type { GateAnswer } from './types';

const cart = 'component:default/cartservice';
const alan = mockCredentials.user('user:default/alan.turing');

const summary: CampaignSummary = {
  id: 'c1',
  name: 'PDBs and probes',
  description: 'Every production service has a PodDisruptionBudget.',
  rationale: 'x'.repeat(5000),
  goal: { checks: ['kubernetes.pdb'] },
  scope: { lifecycles: ['production'], kinds: ['component'] },
  startsAt: '2026-12-01T09:00:00.000Z',
  deadline: '2026-12-24T17:00:00.000Z',
  owner: 'group:default/platform',
  enforce: true,
  state: 'active',
  createdBy: 'user:default/ada.lovelace',
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  figures: { total: 4, done: 2, exempt: 0, open: 2 },
  projection: {
    atRisk: true,
    projectedCompletion: '2027-01-10T00:00:00.000Z',
    ratePerWeek: 0.5,
  },
};

const openCheckout = {
  entityRef: 'component:default/checkoutservice',
  owner: 'group:default/payments',
  status: 'open' as const,
  items: [
    {
      type: 'check' as const,
      checkId: 'kubernetes.pdb',
      title: 'PodDisruptionBudget',
      status: 'fail',
      message: 'Deployment/checkoutservice has no PodDisruptionBudget',
    },
  ],
  since: '2026-12-01T09:00:00.000Z',
};

const evaluation: EntityEvaluation = {
  entityRef: cart,
  score: 72,
  level: 'silver',
  nextLevel: {
    name: 'gold',
    minScore: 85,
    pointsNeeded: 13,
    blockingChecks: [],
  },
  evaluatedAt: '2026-12-08T10:00:00.000Z',
  scorecards: [],
  checks: [
    {
      id: 'kubernetes.pdb',
      title: 'PodDisruptionBudget',
      description: 'd',
      category: 'kubernetes',
      severity: 'medium',
      weight: 1,
      remediation: 'Add a PodDisruptionBudget',
      result: { checkId: 'kubernetes.pdb', status: 'fail', message: 'none' },
    },
    {
      id: 'kubernetes.probes',
      title: 'Readiness and liveness probes',
      description: 'd',
      category: 'kubernetes',
      severity: 'high',
      weight: 3,
      remediation: 'Add probes',
      result: { checkId: 'kubernetes.probes', status: 'pass', message: 'ok' },
    },
    {
      id: 'catalog.docs',
      title: 'Has docs',
      description: 'd',
      category: 'catalog',
      severity: 'low',
      weight: 1,
      remediation: 'Write docs',
      result: { checkId: 'catalog.docs', status: 'fail', message: 'none' },
      exemption: {
        id: 'ex-1',
        reason: 'Internal tool',
        expiresAt: '2027-01-01T00:00:00.000Z',
        createdBy: 'user:default/alan.turing',
      },
    },
  ],
};

const entityCampaign: EntityCampaign = {
  campaign: {
    id: 'c1',
    name: 'PDBs and probes',
    state: 'active',
    deadline: summary.deadline,
    owner: summary.owner,
    enforce: true,
  },
  status: 'open',
  items: openCheckout.items,
  dueAt: summary.deadline,
};

const cartServiceLevel: SloStatus = {
  entityRef: cart,
  objectives: {
    declaredBy: 'annotation',
    availability: { target: 0.999, windowDays: 28 },
    latency: { percentile: 95, thresholdMs: 200, windowDays: 28 },
  },
  sli: {
    source: 'prometheus',
    queries: ['sum(rate(http_requests_total{service="cartservice"}[1h]))'],
    errorRatios: { slo: 0.0073, '1h': 0.0223, '5m': 0.2143 },
    events: 33574,
    latencyMs: 95,
    measuredAt: '2026-12-08T10:00:00.000Z',
  },
  budget: { allowed: 0.001, consumed: 7.3, remaining: -6.3, burnRate: 7.3 },
  latencyMet: true,
  alerts: [
    {
      severity: 'page',
      factor: 14.4,
      windows: { long: '1h', short: '5m' },
      burnRates: { long: 22.3, short: 214.3 },
      message:
        'Page: the error budget burns 22.3× the sustainable rate over 1h and 214.3× over 5m (at least 14.4× over both).',
    },
  ],
  burnRateHistory: { window: '1h', points: [] },
  deployments: [],
  problems: [],
};

function setUp() {
  const actionsRegistry = actionsRegistryServiceMock();
  const campaigns = {
    list: jest.fn(async () => ({ items: [summary], nextCursor: 'next' })),
    get: jest.fn(async (id: string) => {
      if (id !== 'c1') throw new NotFoundError(`No campaign ${id}`);
      return summary;
    }),
    getProgress: jest.fn(async () => ({
      campaignId: 'c1',
      figures: summary.figures,
      projection: summary.projection,
      burnUp: [],
      teams: [
        {
          owner: 'group:default/payments',
          total: 2,
          done: 0,
          exempt: 0,
          open: 2,
        },
        {
          owner: 'group:default/storefront',
          total: 2,
          done: 2,
          exempt: 0,
          open: 0,
        },
      ],
      computedAt: '2026-12-08T10:00:00.000Z',
    })),
    listEntities: jest.fn(async () => ({
      items: [openCheckout],
      totalItems: 2,
    })),
    getEntityCampaigns: jest.fn(async () => [entityCampaign]),
  };
  // Alan may read the cart service; nobody may read anything else.
  const compliance = jest.fn(
    async (entityRef: string, credentials: BackstageCredentials) => {
      if (entityRef !== cart || credentials !== alan) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }
      return evaluation;
    },
  );
  const gate = jest.fn(
    async (input: {
      entityRef: string;
      minLevel: string;
      scorecard?: string;
    }) =>
      ({
        entityRef: input.entityRef,
        scorecard: input.scorecard ?? 'production-readiness',
        minLevel: input.minLevel,
        level: 'silver',
        score: 72,
        pass: false,
        evaluatedAt: '2026-12-08T10:00:00.000Z',
        blockingCampaigns: [
          {
            id: 'c1',
            name: 'PDBs and probes',
            deadline: summary.deadline,
            reason:
              "Campaign 'PDBs and probes' was due 2026-12-24: PodDisruptionBudget",
          },
        ],
        failingChecks: [],
      } satisfies GateAnswer),
  );
  const serviceLevel = jest.fn(
    async (entityRef: string, credentials: BackstageCredentials) => {
      if (entityRef !== cart || credentials !== alan) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }
      return cartServiceLevel;
    },
  );
  // Roll-ups have tests of their own (rollupActions.test.ts).
  const rollup = jest.fn();
  registerOpsReadyActions({
    actionsRegistry,
    campaigns: campaigns as Partial<CampaignReads> as CampaignReads,
    compliance,
    gate,
    serviceLevel,
    rollup,
  });
  const invoke = async (
    name: string,
    input: Record<string, unknown>,
    credentials: BackstageCredentials = alan,
  ) =>
    (
      await actionsRegistry.invoke({
        id: `test:${name}`,
        input: input as any,
        credentials,
      })
    ).output as any;
  return {
    actionsRegistry,
    campaigns,
    compliance,
    gate,
    serviceLevel,
    rollup,
    invoke,
  };
}

describe('registerOpsReadyActions', () => {
  it('registers seven read-only actions, each described for an assistant', async () => {
    const { actionsRegistry } = setUp();
    const { actions } = await actionsRegistry.list();
    expect(actions.map(a => a.name)).toEqual([
      'list-campaigns',
      'get-campaign-status',
      'get-entity-campaign-items',
      'get-entity-compliance',
      'check-deployment-gate',
      'get-entity-service-level',
      'get-org-rollup',
    ]);
    for (const action of actions) {
      expect(action.attributes).toEqual({
        readOnly: true,
        idempotent: true,
        destructive: false,
      });
      expect(action.description.trim().length).toBeGreaterThan(100);
    }
  });

  it('lists campaigns a page at a time, with their figures and projection', async () => {
    const { invoke, campaigns } = setUp();
    const output = await invoke('list-campaigns', {
      state: 'active',
      limit: 5,
    });
    expect(campaigns.list).toHaveBeenCalledWith({
      state: 'active',
      cursor: undefined,
      limit: 5,
    });
    expect(output).toEqual({
      items: [
        {
          id: 'c1',
          name: 'PDBs and probes',
          state: 'active',
          startsAt: summary.startsAt,
          deadline: summary.deadline,
          owner: 'group:default/platform',
          enforce: true,
          goal: { checks: ['kubernetes.pdb'] },
          figures: summary.figures,
          projection: summary.projection,
        },
      ],
      nextCursor: 'next',
    });
    await expect(invoke('list-campaigns', { limit: 1000 })).rejects.toThrow(
      'Invalid input to action "test:list-campaigns"',
    );
  });

  it("gives a campaign's status: teams, projection and the first entities left", async () => {
    const { invoke, campaigns } = setUp();
    const output = await invoke('get-campaign-status', { campaignId: 'c1' });
    expect(campaigns.listEntities).toHaveBeenCalledWith(
      'c1',
      { status: 'open' },
      { limit: 20 },
    );
    expect(output).toEqual(
      expect.objectContaining({
        figures: summary.figures,
        projection: summary.projection,
        teamsTotal: 2,
        entitiesLeft: [openCheckout],
        entitiesLeftTotal: 2,
        computedAt: '2026-12-08T10:00:00.000Z',
      }),
    );
    expect(output.teams[0]).toEqual(
      expect.objectContaining({ owner: 'group:default/payments', open: 2 }),
    );
    expect(output.campaign.scope).toEqual(summary.scope);
    expect(output.campaign.rationale.length).toBeLessThanOrEqual(2000);
    await expect(
      invoke('get-campaign-status', { campaignId: 'nope' }),
    ).rejects.toThrow(NotFoundError);
  });

  it("gives an entity's campaign items only to whoever may read the entity", async () => {
    const { invoke, campaigns } = setUp();
    expect(
      await invoke('get-entity-campaign-items', { entityRef: 'cartservice' }),
    ).toEqual({ entityRef: cart, campaigns: [entityCampaign] });
    expect(campaigns.getEntityCampaigns).toHaveBeenCalledWith(cart);

    campaigns.getEntityCampaigns.mockClear();
    await expect(
      invoke(
        'get-entity-campaign-items',
        { entityRef: cart },
        mockCredentials.user('user:default/mallory'),
      ),
    ).rejects.toThrow(NotFoundError);
    expect(campaigns.getEntityCampaigns).not.toHaveBeenCalled();
  });

  it("gives an entity's compliance as the caller, with fixes for what does not pass", async () => {
    const { invoke, compliance } = setUp();
    const output = await invoke('get-entity-compliance', {
      entityRef: 'Component:default/CartService',
    });
    expect(compliance).toHaveBeenCalledWith(cart, alan);
    expect(output).toEqual(
      expect.objectContaining({ entityRef: cart, score: 72, level: 'silver' }),
    );
    expect(
      output.checks.map((c: any) => [c.id, c.remediation, c.exemption]),
    ).toEqual([
      ['kubernetes.pdb', 'Add a PodDisruptionBudget', undefined],
      ['kubernetes.probes', undefined, undefined],
      [
        'catalog.docs',
        undefined,
        { reason: 'Internal tool', expiresAt: '2027-01-01T00:00:00.000Z' },
      ],
    ]);
  });

  it('asks the gate as the caller, and refuses what is not an entity ref', async () => {
    const { invoke, gate } = setUp();
    const output = await invoke('check-deployment-gate', {
      entityRef: 'cartservice',
      minLevel: 'silver',
    });
    expect(gate).toHaveBeenCalledWith(
      { entityRef: cart, minLevel: 'silver' },
      alan,
    );
    expect(output).toEqual(
      expect.objectContaining({
        pass: false,
        blockingCampaigns: [expect.objectContaining({ id: 'c1' })],
      }),
    );
    await invoke('check-deployment-gate', {
      entityRef: 'cartservice',
      minLevel: 'silver',
      requireErrorBudget: true,
    });
    expect(gate).toHaveBeenLastCalledWith(
      { entityRef: cart, minLevel: 'silver', requireErrorBudget: true },
      alan,
    );
    const onSecurity = await invoke('check-deployment-gate', {
      entityRef: 'cartservice',
      minLevel: 'safe',
      scorecard: 'security',
    });
    expect(gate).toHaveBeenLastCalledWith(
      { entityRef: cart, minLevel: 'safe', scorecard: 'security' },
      alan,
    );
    expect(onSecurity).toMatchObject({ scorecard: 'security' });
    await expect(
      invoke('check-deployment-gate', {
        entityRef: 'component:',
        minLevel: 'silver',
      }),
    ).rejects.toThrow(
      'entityRef is not an entity ref, e.g. component:default/cartservice',
    );
  });

  it("answers an entity's service level in a few figures, for those who may read it", async () => {
    const { invoke, serviceLevel } = setUp();
    const output = await invoke('get-entity-service-level', {
      entityRef: 'cartservice',
    });
    expect(serviceLevel).toHaveBeenCalledWith(cart, alan);
    expect(output).toEqual({
      entityRef: cart,
      objectives: cartServiceLevel.objectives,
      measured: {
        source: 'prometheus',
        measuredAt: '2026-12-08T10:00:00.000Z',
        availability: 1 - 0.0073,
        latencyMs: 95,
        latencyMet: true,
      },
      budgetRemaining: -6.3,
      alerts: [
        {
          severity: 'page',
          message: cartServiceLevel.alerts[0].message,
        },
      ],
      problems: [],
    });
    await expect(
      invoke(
        'get-entity-service-level',
        { entityRef: cart },
        mockCredentials.user('user:default/mallory'),
      ),
    ).rejects.toThrow(NotFoundError);
  });
});
