import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_PENDING_FOR_MS,
  defaultLevels,
} from '@opsready/plugin-opsready-common';
import {
  CheckDefinition,
  defaultCheckOptions,
} from '@opsready/plugin-opsready-node';
import { EvaluatedEntity, EvaluationListener } from '../campaigns/types';
import { DatabaseEvaluationsStore } from '../database/DatabaseEvaluationsStore';
import { DatabaseExemptionsStore } from '../database/DatabaseExemptionsStore';
import { EvaluationService } from './EvaluationService';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const pdb: CheckDefinition = {
  id: 'test.pdb',
  title: 'Has a PDB',
  description: 'Test check.',
  category: 'kubernetes',
  severity: 'high',
  weight: 1,
  remediation: 'Add one.',
  evaluate: facts =>
    facts.entity.metadata.annotations?.pdb === 'yes'
      ? { status: 'pass', message: 'ok' }
      : { status: 'fail', message: 'none' },
};

const component = (name: string, pdbAnnotation: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { pdb: pdbAnnotation } },
  spec: { type: 'service', owner: 'group:default/team' },
});

async function setUp(listeners: EvaluationListener[]) {
  const knex = await databases.init('SQLITE_3');
  const database = { getClient: async () => knex };
  const store = await DatabaseEvaluationsStore.create({ database });
  const exemptions = await DatabaseExemptionsStore.create({ database });
  const logger = mockServices.logger.mock();
  const service = new EvaluationService({
    catalog: catalogServiceMock({ entities: [] }),
    store,
    exemptions,
    checks: () => [pdb],
    providers: () => [],
    scoring: {
      options: defaultCheckOptions,
      warnCredit: 0.5,
      levels: defaultLevels,
      pendingForMs: DEFAULT_PENDING_FOR_MS,
    },
    logger,
    listeners,
  });
  return { service, store, exemptions, logger };
}

describe('EvaluationService listeners', () => {
  it('tells each listener of the whole batch once it is stored, with the exemptions in force', async () => {
    const batches: EvaluatedEntity[][] = [];
    let storedWhenTold: unknown[] = [];
    const { service, store, exemptions, logger } = await setUp([
      async () => {
        throw new Error('campaigns store down');
      },
      async batch => {
        batches.push(batch);
        storedWhenTold = await Promise.all(
          batch.map(b => store.getEvaluation(b.evaluation.entityRef)),
        );
      },
    ]);
    await exemptions.createExemption({
      entityRef: 'component:default/search',
      checkId: 'test.pdb',
      reason: 'Stateless',
      expiresAt: new Date('2027-01-01T00:00:00Z'),
      createdBy: 'user:default/ada',
      status: 'granted',
    });

    const at = new Date('2026-12-08T10:00:00Z');
    const evaluated = await service.evaluateEntities(
      [component('cart', 'yes'), component('search', 'no')],
      at,
    );

    expect(evaluated).toHaveLength(2);
    expect(batches).toHaveLength(1);
    expect(
      batches[0].map(b => [
        b.entity.metadata.name,
        b.evaluation.results[0].status,
        [...b.exemptCheckIds],
      ]),
    ).toEqual([
      ['cart', 'pass', []],
      ['search', 'fail', ['test.pdb']],
    ]);
    expect(storedWhenTold.every(Boolean)).toBe(true);
    expect(logger.warn).toHaveBeenCalledWith(
      'OpsReady could not pass 2 evaluations on (they are stored): Error: campaigns store down',
    );
  });
});
