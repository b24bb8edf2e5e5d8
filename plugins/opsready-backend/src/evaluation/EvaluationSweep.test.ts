import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_PENDING_FOR_MS,
  defaultLevels,
} from '@opsready/plugin-opsready-common';
import {
  builtInChecks,
  defaultCheckOptions,
} from '@opsready/plugin-opsready-node';
import { DatabaseEvaluationsStore } from '../database/DatabaseEvaluationsStore';
import { DatabaseExemptionsStore } from '../database/DatabaseExemptionsStore';
import { DatabaseSloStatusStore } from '../database/DatabaseSloStatusStore';
import { EvaluationService } from './EvaluationService';
import { EvaluationSweep } from './EvaluationSweep';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team',
  },
});

async function setUp(entities: Entity[]) {
  const knex = await databases.init('SQLITE_3');
  const database = { getClient: async () => knex };
  const store = await DatabaseEvaluationsStore.create({ database });
  const exemptions = await DatabaseExemptionsStore.create({ database });
  const sloStatuses = await DatabaseSloStatusStore.create({ database });
  const catalog = catalogServiceMock({ entities });
  const evaluations = new EvaluationService({
    catalog,
    store,
    exemptions,
    checks: () => [...builtInChecks],
    providers: () => [],
    scoring: {
      options: defaultCheckOptions,
      warnCredit: 0.5,
      levels: defaultLevels,
      pendingForMs: DEFAULT_PENDING_FOR_MS,
    },
    logger: mockServices.logger.mock(),
  });
  const scheduler = mockServices.scheduler.mock();
  const sweep = new EvaluationSweep({
    catalog,
    auth: mockServices.auth(),
    store,
    exemptions,
    forgetAlso: [refs => sloStatuses.deleteStatuses(refs)],
    evaluations,
    scheduler,
    logger: mockServices.logger.mock(),
    schedule: { frequency: { minutes: 30 }, timeout: { minutes: 15 } },
    pageSize: 2,
  });
  return { store, exemptions, sloStatuses, sweep, scheduler };
}

describe('EvaluationSweep', () => {
  it('schedules itself as a global task, so replicas share one sweep', async () => {
    const { sweep, scheduler } = await setUp([]);
    await sweep.start();
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'opsready-evaluate-entities',
        scope: 'global',
        frequency: { minutes: 30 },
        timeout: { minutes: 15 },
      }),
    );
  });

  it('evaluates every component page by page and drops entities that left the catalog', async () => {
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };
    const { store, exemptions, sloStatuses, sweep } = await setUp([
      component('a'),
      component('b'),
      component('c'),
      group,
    ]);
    await store.saveEvaluation({
      entityRef: 'component:default/gone',
      kind: 'component',
      owner: null,
      score: 10,
      level: null,
      evaluatedAt: new Date(),
      results: [],
    });
    await exemptions.createExemption({
      entityRef: 'component:default/gone',
      checkId: 'catalog.owner',
      reason: 'Being decommissioned',
      expiresAt: new Date(Date.now() + 24 * 3600_000),
      createdBy: 'user:default/ana',
      status: 'granted',
    });

    const measured = {
      measuredAt: new Date().toISOString(),
      source: 'probes' as const,
      objectives: {
        declaredBy: 'annotation' as const,
        availability: { target: 0.999, windowDays: 28 },
      },
      sli: {
        source: 'probes' as const,
        queries: [],
        errorRatios: { '1h': 0.02 },
        measuredAt: new Date().toISOString(),
      },
      alerts: [],
      burnRate1h: 20,
      problems: [],
    };
    await sloStatuses.saveStatuses([
      { ...measured, entityRef: 'component:default/gone' },
      { ...measured, entityRef: 'component:default/a' },
    ]);

    expect(await sweep.run()).toEqual({ evaluated: 3, removed: 1 });
    // Gone from the fleet's "burning fastest" too.
    expect(
      (await sloStatuses.listByBurnRate({ limit: 10 })).map(s => s.entityRef),
    ).toEqual(['component:default/a']);
    expect(await exemptions.listExemptions('component:default/gone')).toEqual(
      [],
    );
    expect((await store.listEntityRefs()).sort()).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ]);
    expect(
      (await store.getEvaluation('component:default/b'))?.results.map(
        r => r.checkId,
      ),
    ).toEqual(expect.arrayContaining(['catalog.owner']));
  });
});
