import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  DEFAULT_PENDING_FOR_MS,
  defaultLevels,
} from '@opsready/plugin-opsready-common';
import {
  CheckDefinition,
  defaultCheckOptions,
} from '@opsready/plugin-opsready-node';
import { noticesOf } from '../../__testUtils__/domainEvents';
import { DatabaseDigestStore } from '../../database/DatabaseDigestStore';
import { DatabaseEvaluationsStore } from '../../database/DatabaseEvaluationsStore';
import { DatabaseExemptionsStore } from '../../database/DatabaseExemptionsStore';
import { EvaluationService } from '../../evaluation/EvaluationService';
import { complianceHandlers } from '../handlers/compliance';
import { DomainEvent } from '../types';
import { StoredDigestQueue } from './DigestQueue';
import { DigestSender } from './DigestSender';
import { readDigestConfig } from './readDigestConfig';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const ownerCheck: CheckDefinition = {
  id: 'test.owner',
  title: 'Names a real owner',
  description: 'Test check.',
  category: 'catalog',
  severity: 'critical',
  weight: 1,
  remediation: 'Set spec.owner.',
  evaluate: facts =>
    facts.entity.metadata.annotations?.owned === 'yes'
      ? { status: 'pass', message: 'ok' }
      : { status: 'fail', message: 'not ok' },
};

const service = (name: string, owned: boolean): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { owned: owned ? 'yes' : 'no' },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team',
  },
});

/**
 * From a change of compliance to the owners' daily digest: the evaluation
 * publishes, the compliance handlers make notices, the queue keeps them
 * (standing in for the notifier, which hands digestible notices for the
 * entity's owners to it), and the sender sends one digest to the owners.
 */
describe('the compliance digest', () => {
  it('tells the owners in one digest of every service whose compliance got worse during the day', async () => {
    const knex = await databases.init('SQLITE_3');
    const database = { getClient: async () => knex };
    const config = readDigestConfig(new ConfigReader({}));
    const digestStore = await DatabaseDigestStore.create({ database });
    let clock = new Date('2026-12-07T09:00:00Z');
    const queue = new StoredDigestQueue({
      store: digestStore,
      config,
      now: () => clock,
    });
    const deliver = async (events: DomainEvent[]) => {
      for (const notice of await noticesOf(events, complianceHandlers)) {
        expect(queue.accepts(notice)).toBe(true);
        await queue.add(notice, ['group:default/team']);
      }
    };
    const evaluations = new EvaluationService({
      catalog: catalogServiceMock({ entities: [] }),
      store: await DatabaseEvaluationsStore.create({ database }),
      exemptions: await DatabaseExemptionsStore.create({ database }),
      checks: () => [ownerCheck],
      providers: () => [],
      scoring: {
        options: defaultCheckOptions,
        warnCredit: 0.5,
        levels: defaultLevels,
        pendingForMs: DEFAULT_PENDING_FOR_MS,
      },
      logger: mockServices.logger.mock(),
      publisher: { publish: deliver },
    });
    const sent: NotificationSendOptions[] = [];
    const sender = new DigestSender({
      store: digestStore,
      notifications: { send: async options => void sent.push(options) },
      scheduler: mockServices.scheduler.mock(),
      logger: mockServices.logger.mock(),
      config,
    });

    await evaluations.evaluateEntities([
      service('cart', true),
      service('ledger', true),
    ]);
    clock = new Date('2026-12-07T15:00:00Z');
    await evaluations.evaluateEntities([
      service('cart', false),
      service('ledger', false),
    ]);
    expect(sent).toEqual([]);

    await sender.run(new Date('2026-12-08T08:00:00Z'));
    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: 'group:default/team',
    });
    expect(sent[0].payload).toEqual(
      expect.objectContaining({
        title: 'Compliance digest: 2 services changed',
        severity: 'critical',
        topic: 'compliance',
        link: '/opsready',
      }),
    );
    expect(sent[0].payload.description!.split('\n').sort()).toEqual([
      '• cart fails the critical check "Names a real owner"',
      '• cart lost its compliance level gold',
      '• ledger fails the critical check "Names a real owner"',
      '• ledger lost its compliance level gold',
    ]);
  });
});
