import { defaultScorecard } from '@opsready/plugin-opsready-node';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import {
  defaultLevels,
  EntityEvaluation,
} from '@opsready/plugin-opsready-common';
import express from 'express';
import request from 'supertest';
import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import { campaign, ref } from '../campaigns/__testUtils__/campaignFixtures';
import { MemoryCampaignsStore } from '../campaigns/__testUtils__/memoryCampaignsStore';
import { CampaignReadService } from '../campaigns/CampaignReadService';
import { createGateVerdict } from './gateVerdict';
import { createRouter } from './router';

jest.setTimeout(60_000);

const unused = {} as any;
const now = new Date('2026-12-03T12:00:00Z');

/** The entity's result for slo.budget-remaining, as the check gives it. */
const budgetCheck = (
  remaining: number,
): EntityEvaluation['checks'][number] => ({
  id: 'slo.budget-remaining',
  title: 'Error budget remaining',
  description: '',
  category: 'observability',
  severity: 'high',
  weight: 2,
  remediation: '',
  result: {
    checkId: 'slo.budget-remaining',
    status: remaining > 0 ? 'pass' : 'fail',
    message: 'Measured.',
    evidence: {
      target: 0.999,
      windowDays: 28,
      errorRatio: 0.001 * (1 - remaining),
      budget: { allowed: 0.001, consumed: 1 - remaining, remaining },
    },
  },
});

let extraChecks: EntityEvaluation['checks'] = [];
let scorecardsOfEntity: EntityEvaluation['scorecards'] = [];

// A second scorecard with a level of its own, scoring one check.
const security = {
  id: 'security',
  title: 'Security',
  checks: ['repository.secrets'],
  weights: new Map(),
  levels: [{ name: 'safe', minScore: 80 }],
};
const scorecards = [defaultScorecard(defaultLevels), security];
const secretsCheck: EntityEvaluation['checks'][number] = {
  id: 'repository.secrets',
  title: 'No secrets committed',
  description: '',
  category: 'repository',
  severity: 'critical',
  weight: 1,
  remediation: '',
  result: { checkId: 'repository.secrets', status: 'pass', message: 'None' },
};

const evaluation = (level: string | null): EntityEvaluation => ({
  entityRef: ref('cart'),
  score: 92,
  level,
  nextLevel: null,
  evaluatedAt: '2026-12-03T11:00:00.000Z',
  scorecards: scorecardsOfEntity,
  checks: [
    {
      id: 'kubernetes.pdb',
      title: 'Has a PodDisruptionBudget',
      description: '',
      category: 'kubernetes',
      severity: 'high',
      weight: 2,
      remediation: 'Add one.',
      result: { checkId: 'kubernetes.pdb', status: 'fail', message: 'None' },
    },
    ...extraChecks,
  ],
});

async function setUp(level: string | null = 'gold') {
  const store = new MemoryCampaignsStore();
  const evaluations = {
    getEvaluation: jest.fn(async (entityRef: string) => {
      if (entityRef !== ref('cart')) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }
      return evaluation(level);
    }),
  };
  const gate = createGateVerdict({
    evaluations,
    scorecards,
    campaigns: new CampaignReadService({ store, now: () => now }),
    now: () => now,
  });
  const app = express();
  app.use(
    await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      catalog: unused,
      store: unused,
      evaluations: unused,
      health: unused,
      exemptions: unused,
      checks: () => [],
      scorecards,
      gate,
    }),
  );
  app.use(mockErrorHandler());
  const enforce = async (
    id: string,
    extra: Parameters<typeof campaign>[0] = {},
  ) => {
    await store.createCampaign(
      campaign({
        id,
        name: `Campaign ${id}`,
        startsAt: '2026-11-01T00:00:00.000Z',
        deadline: '2026-12-01T00:00:00.000Z',
        ...extra,
      }),
      {
        action: 'launched',
        by: 'user:default/ada',
        at: now.toISOString(),
        changes: {},
      },
    );
    await store.replaceEntities(id, [
      {
        entityRef: ref('cart'),
        owner: 'group:default/team-a',
        status: 'open',
        items: [
          {
            type: 'check',
            checkId: 'kubernetes.pdb',
            title: 'Has a PodDisruptionBudget',
          },
        ],
        since: now.toISOString(),
      },
    ]);
  };
  return { gate, app, checked: await specCheckedServer(app), enforce };
}

describe('the gate', () => {
  afterEach(() => {
    extraChecks = [];
    scorecardsOfEntity = [];
  });

  it('fails an entity at the level that an enforced campaign past its deadline still waits on', async () => {
    const { checked, enforce } = await setUp('gold');
    const before = await request(checked)
      .get('/gate')
      .query({ entityRef: 'cart', minLevel: 'silver' })
      .expect(200);
    expect(before.body).toMatchObject({
      entityRef: ref('cart'),
      level: 'gold',
      pass: true,
      blockingCampaigns: [],
    });

    await enforce('pdbs');
    await enforce('not-yet', { deadline: '2027-01-31T00:00:00.000Z' });
    await enforce('advisory', { enforce: false });
    const after = await request(checked)
      .get('/gate')
      .query({ entityRef: 'component:default/cart', minLevel: 'silver' })
      .expect(200);
    expect(after.body).toEqual({
      entityRef: ref('cart'),
      scorecard: 'production-readiness',
      minLevel: 'silver',
      level: 'gold',
      score: 92,
      pass: false,
      evaluatedAt: '2026-12-03T11:00:00.000Z',
      blockingCampaigns: [
        {
          id: 'pdbs',
          name: 'Campaign pdbs',
          deadline: '2026-12-01T00:00:00.000Z',
          reason:
            "Campaign 'Campaign pdbs' was due 2026-12-01: Has a PodDisruptionBudget",
        },
      ],
      failingChecks: [
        {
          id: 'kubernetes.pdb',
          title: 'Has a PodDisruptionBudget',
          severity: 'high',
          status: 'fail',
          message: 'None',
        },
      ],
    });
  });

  it("judges the entity on the scorecard asked for, by that scorecard's levels and checks", async () => {
    extraChecks = [secretsCheck];
    scorecardsOfEntity = [
      {
        id: 'security',
        title: 'Security',
        score: 100,
        level: 'safe',
        nextLevel: null,
        levels: security.levels,
        checks: [{ id: 'repository.secrets', weight: 1 }],
      },
    ];
    const { checked } = await setUp('bronze');
    const verdict = await request(checked)
      .get('/gate')
      .query({ entityRef: 'cart', minLevel: 'safe', scorecard: 'security' })
      .expect(200);
    // The failing PodDisruptionBudget is not a check of this scorecard.
    expect(verdict.body).toMatchObject({
      scorecard: 'security',
      level: 'safe',
      score: 100,
      pass: true,
      failingChecks: [],
    });

    const byDefault = await request(checked)
      .get('/gate')
      .query({ entityRef: 'cart', minLevel: 'silver' })
      .expect(200);
    expect(byDefault.body).toMatchObject({
      scorecard: 'production-readiness',
      level: 'bronze',
      pass: false,
    });
  });

  it('refuses an unknown scorecard, a level of another scorecard, and a scorecard that does not cover the entity', async () => {
    const { checked } = await setUp('gold');
    const unknown = await request(checked)
      .get('/gate')
      .query({ entityRef: 'cart', minLevel: 'safe', scorecard: 'speed' })
      .expect(400);
    expect(unknown.body.error.message).toBe(
      "Invalid query: scorecard: unknown scorecard 'speed'; the scorecards are production-readiness, security",
    );
    const otherLevel = await request(checked)
      .get('/gate')
      .query({ entityRef: 'cart', minLevel: 'gold', scorecard: 'security' })
      .expect(400);
    expect(otherLevel.body.error.message).toBe(
      "Invalid query: minLevel: unknown level 'gold'; the levels are safe",
    );
    const outOfScope = await request(checked)
      .get('/gate')
      .query({ entityRef: 'cart', minLevel: 'safe', scorecard: 'security' })
      .expect(400);
    expect(outOfScope.body.error.message).toBe(
      "Invalid query: scorecard: component:default/cart is not in the scope of scorecard 'security'",
    );
  });

  it('fails an entity below the level, campaigns or not', async () => {
    const { gate } = await setUp('bronze');
    const verdict = await gate(
      { entityRef: 'cart', minLevel: 'gold' },
      mockCredentials.service(),
    );
    expect(verdict).toMatchObject({ pass: false, blockingCampaigns: [] });
  });

  it('refuses what is no entity ref or no level, for callers other than the route too', async () => {
    const { gate, app } = await setUp();
    await expect(
      gate({ entityRef: 'component:', minLevel: 'gold' }, unused),
    ).rejects.toThrow(
      "Invalid query: entityRef: 'component:' is not an entity ref, e.g. component:default/cartservice",
    );
    await expect(
      gate({ entityRef: 'cart', minLevel: 'platinum' }, unused),
    ).rejects.toThrow(
      "Invalid query: minLevel: unknown level 'platinum'; the levels are bronze, silver, gold",
    );
    await request(app)
      .get('/gate')
      .query({ entityRef: 'nosuch', minLevel: 'gold' })
      .expect(404);
  });

  it('with requireErrorBudget, holds an entity whose error budget is spent, naming the SLO: a release freeze', async () => {
    extraChecks = [budgetCheck(-0.25)];
    const { checked } = await setUp('gold');
    const frozen = await request(checked)
      .get('/gate')
      .query({
        entityRef: 'cart',
        minLevel: 'gold',
        requireErrorBudget: 'true',
      })
      .expect(200);
    expect(frozen.body).toMatchObject({
      pass: false,
      level: 'gold',
      errorBudget: {
        exhausted: true,
        remaining: -0.25,
        target: 0.999,
        windowDays: 28,
        reason:
          'Release freeze: the error budget of the 99.9 % availability SLO over 28 days is exhausted (0 % left).',
      },
    });

    // Not asked: the budget does not take part.
    const unasked = await request(checked)
      .get('/gate')
      .query({ entityRef: 'cart', minLevel: 'gold' })
      .expect(200);
    expect(unasked.body.pass).toBe(true);
    expect(unasked.body.errorBudget).toBeUndefined();
  });

  it('with requireErrorBudget, passes an entity with budget left, or whose budget is not measured, saying so', async () => {
    extraChecks = [budgetCheck(0.4)];
    const { gate } = await setUp('gold');
    const left = await gate(
      { entityRef: 'cart', minLevel: 'gold', requireErrorBudget: true },
      mockCredentials.service(),
    );
    expect(left).toMatchObject({
      pass: true,
      errorBudget: {
        exhausted: false,
        remaining: 0.4,
        reason:
          '40 % of the error budget of the 99.9 % availability SLO over 28 days is left.',
      },
    });

    extraChecks = [];
    const unmeasured = await gate(
      { entityRef: 'cart', minLevel: 'gold', requireErrorBudget: true },
      mockCredentials.service(),
    );
    expect(unmeasured).toMatchObject({
      pass: true,
      errorBudget: {
        exhausted: false,
        remaining: null,
        reason: 'No error budget is measured: the entity has no SLO check.',
      },
    });
  });

  it("refuses a requireErrorBudget that is not 'true' or 'false'", async () => {
    const { checked } = await setUp('gold');
    const response = await request(checked)
      .get('/gate')
      .query({ entityRef: 'cart', minLevel: 'gold', requireErrorBudget: 'yes' })
      .expect(400);
    expect(response.body.error.message).toContain('requireErrorBudget');
  });
});
