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
import { noticesOf, recordingPublisher } from '../__testUtils__/domainEvents';
import { DatabaseEvaluationsStore } from '../database/DatabaseEvaluationsStore';
import { DatabaseExemptionsStore } from '../database/DatabaseExemptionsStore';
import { complianceHandlers } from '../notifications/handlers/compliance';
import { DomainEventPublisher } from '../notifications/types';
import { EvaluationService } from './EvaluationService';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** A check that passes while the entity's annotation says `ok`. */
const annotationCheck = (
  id: string,
  severity: CheckDefinition['severity'],
  weight: number,
): CheckDefinition => ({
  id,
  title: `Annotation ${id}`,
  description: 'Test check.',
  category: 'catalog',
  severity,
  weight,
  remediation: 'Annotate.',
  evaluate: facts =>
    facts.entity.metadata.annotations?.[id] === 'ok'
      ? { status: 'pass', message: 'ok' }
      : { status: 'fail', message: 'not ok' },
});

const checks = [
  annotationCheck('test.owner', 'critical', 1),
  annotationCheck('test.docs', 'low', 3),
];

const cart = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cartservice', namespace: 'default', annotations },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team',
  },
});

async function setUp(publisher?: DomainEventPublisher) {
  const knex = await databases.init('SQLITE_3');
  const database = { getClient: async () => knex };
  const store = await DatabaseEvaluationsStore.create({ database });
  const exemptions = await DatabaseExemptionsStore.create({ database });
  const logger = mockServices.logger.mock();
  const service = new EvaluationService({
    catalog: catalogServiceMock({ entities: [] }),
    store,
    exemptions,
    checks: () => checks,
    providers: () => [],
    scoring: {
      options: defaultCheckOptions,
      warnCredit: 0.5,
      levels: defaultLevels,
      pendingForMs: DEFAULT_PENDING_FOR_MS,
    },
    logger,
    publisher,
  });
  return { service, store, exemptions, logger };
}

const allOk = { 'test.owner': 'ok', 'test.docs': 'ok' };
const ownerFails = { 'test.docs': 'ok' };

describe('EvaluationService compliance news', () => {
  it('publishes nothing for a first evaluation, then a drop and the critical check that caused it, as owners’ notices', async () => {
    const publisher = recordingPublisher();
    const { service } = await setUp(publisher);
    const at = new Date('2026-12-08T10:00:00Z');

    // Score 100, gold; a first evaluation is no news.
    await service.evaluateEntities([cart(allOk)], at);
    expect(publisher.events).toEqual([]);

    // Score 75 with a failing critical check: silver.
    const [evaluation] = await service.evaluateEntities([cart(ownerFails)], at);
    expect(evaluation.level).toBe('silver');
    expect(publisher.events).toEqual([
      {
        type: 'compliance.level-dropped',
        entityRef: 'component:default/cartservice',
        from: 'gold',
        to: 'silver',
        at: '2026-12-08T10:00:00.000Z',
      },
      {
        type: 'compliance.check-failing',
        entityRef: 'component:default/cartservice',
        checkId: 'test.owner',
        title: 'Annotation test.owner',
        at: '2026-12-08T10:00:00.000Z',
      },
    ]);
    expect(
      (await noticesOf(publisher.events, complianceHandlers)).map(n => ({
        title: n.title,
        severity: n.severity,
        link: n.link,
        recipients: n.recipients,
      })),
    ).toEqual([
      {
        title: 'cartservice dropped from gold to silver',
        severity: 'normal',
        link: '/catalog/default/component/cartservice/opsready-compliance',
        recipients: undefined,
      },
      {
        title: 'cartservice fails the critical check "Annotation test.owner"',
        severity: 'critical',
        link: '/catalog/default/component/cartservice/opsready-compliance',
        recipients: undefined,
      },
    ]);

    // Still failing: no news. Fixed again: a rise is no news either.
    publisher.events.length = 0;
    await service.evaluateEntities([cart(ownerFails)], at);
    await service.evaluateEntities([cart(allOk)], at);
    expect(publisher.events).toEqual([]);
  });

  it('does not tell of a critical check that fails while exempted', async () => {
    const publisher = recordingPublisher();
    const { service, exemptions } = await setUp(publisher);
    await service.evaluateEntities([cart(allOk)]);
    await exemptions.createExemption({
      entityRef: 'component:default/cartservice',
      checkId: 'test.owner',
      reason: 'Owner being appointed',
      expiresAt: new Date(Date.now() + 86400_000),
      createdBy: 'user:default/grace',
      status: 'granted',
    });
    await service.evaluateEntities([cart(ownerFails)]);
    expect(publisher.events.map(e => e.type)).not.toContain(
      'compliance.check-failing',
    );
  });

  it('publishes once per batch, for each entity that got worse', async () => {
    const publish = jest.fn().mockResolvedValue(undefined);
    const { service } = await setUp({ publish });
    const other = (annotations: Record<string, string>) => ({
      ...cart(annotations),
      metadata: { name: 'ledger', namespace: 'default', annotations },
    });
    await service.evaluateEntities([cart(allOk), other(allOk)]);
    expect(publish).not.toHaveBeenCalled();
    await service.evaluateEntities([cart(ownerFails), other(ownerFails)]);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(
      publish.mock.calls[0][0].map(
        (e: { type: string; entityRef: string }) => `${e.type} ${e.entityRef}`,
      ),
    ).toEqual([
      'compliance.level-dropped component:default/cartservice',
      'compliance.check-failing component:default/cartservice',
      'compliance.level-dropped component:default/ledger',
      'compliance.check-failing component:default/ledger',
    ]);
  });

  it('keeps the evaluation when publishing fails, and logs why', async () => {
    const { service, store, logger } = await setUp({
      publish: jest.fn().mockRejectedValue(new Error('events service down')),
    });
    await service.evaluateEntities([cart(allOk)]);
    await service.evaluateEntities([cart(ownerFails)]);
    expect(
      (await store.getEvaluation('component:default/cartservice'))?.level,
    ).toBe('silver');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('events service down'),
    );
  });

  it('does not read the previous evaluation when nobody listens', async () => {
    const { service, store } = await setUp();
    const read = jest.spyOn(store, 'getEvaluation');
    await service.evaluateEntities([cart(allOk)]);
    await service.evaluateEntities([cart(ownerFails)]);
    expect(read).not.toHaveBeenCalled();
  });
});
