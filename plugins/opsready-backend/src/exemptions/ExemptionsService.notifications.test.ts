import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { builtInChecks } from '@opsready/plugin-opsready-node';
import { noticesOf, recordingPublisher } from '../__testUtils__/domainEvents';
import { DatabaseExemptionsStore } from '../database/DatabaseExemptionsStore';
import { createExemptionHandlers } from '../notifications/handlers/exemptions';
import { DomainEventPublisher } from '../notifications/types';
import { DefaultExemptionsService } from './ExemptionsService';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const cart: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cartservice', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team',
  },
};
const entityRef = 'component:default/cartservice';
const handlers = createExemptionHandlers({
  platformGroups: ['group:default/platform'],
});
const linus = mockCredentials.user('user:default/linus');
const grace = mockCredentials.user('user:default/grace');
const input = () => ({
  checkId: 'kubernetes.pdb',
  reason: 'Single-replica cache, rebuilt on start',
  expiresAt: new Date(Date.now() + 30 * 86400_000),
});

async function setUp(publisher?: DomainEventPublisher) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseExemptionsStore.create({
    database: { getClient: async () => knex },
  });
  const logger = mockServices.logger.mock();
  const service = new DefaultExemptionsService({
    store,
    evaluations: {
      readEntity: async () => cart,
      evaluateEntities: async () => [],
    },
    checks: () => [...builtInChecks],
    auth: mockServices.auth(),
    publisher,
    logger,
  });
  return { service, logger };
}

describe('DefaultExemptionsService news', () => {
  it('tells the platform groups of a request, and the requester of its decision', async () => {
    const publisher = recordingPublisher();
    const { service } = await setUp(publisher);

    const asked = await service.request(entityRef, input(), linus);
    expect(publisher.events).toEqual([
      {
        type: 'exemption.requested',
        entityRef,
        exemptionId: asked.id,
        checkId: 'kubernetes.pdb',
        requestedBy: 'user:default/linus',
        reason: 'Single-replica cache, rebuilt on start',
        at: asked.createdAt,
      },
    ]);

    const decided = await service.decide(
      asked.id,
      { decision: 'decline', note: 'Add a PDB instead' },
      grace,
    );
    expect(publisher.events[1]).toEqual({
      type: 'exemption.decided',
      entityRef,
      exemptionId: asked.id,
      checkId: 'kubernetes.pdb',
      requestedBy: 'user:default/linus',
      decidedBy: 'user:default/grace',
      decision: 'declined',
      note: 'Add a PDB instead',
      at: decided.decidedAt,
    });

    const notices = await noticesOf(publisher.events, handlers);
    expect(
      notices.map(n => ({
        recipients: n.recipients,
        title: n.title,
        link: n.link,
      })),
    ).toEqual([
      {
        recipients: ['group:default/platform'],
        title:
          'cartservice: an exemption from kubernetes.pdb waits for a decision',
        link: '/catalog/default/component/cartservice/opsready-compliance',
      },
      {
        recipients: ['user:default/linus'],
        title: 'cartservice: your exemption from kubernetes.pdb was declined',
        link: '/catalog/default/component/cartservice/opsready-compliance',
      },
    ]);
  });

  it('publishes a grant too, without a note', async () => {
    const publisher = recordingPublisher();
    const { service } = await setUp(publisher);
    const asked = await service.request(entityRef, input(), linus);
    await service.decide(asked.id, { decision: 'grant' }, grace);
    expect(publisher.events[1]).toEqual(
      expect.objectContaining({ decision: 'granted' }),
    );
    expect(publisher.events[1]).not.toHaveProperty('note');
  });

  it('tells nobody of the decision on a request a service made', async () => {
    const publisher = recordingPublisher();
    const { service } = await setUp(publisher);
    const asked = await service.request(
      entityRef,
      input(),
      mockCredentials.service('plugin:scaffolder'),
    );
    await service.decide(asked.id, { decision: 'grant' }, grace);
    expect(publisher.events.map(e => e.type)).toEqual([
      'exemption.requested',
      'exemption.decided',
    ]);
    const notices = await noticesOf(publisher.events, handlers);
    // The platform groups still hear of the request.
    expect(notices.map(n => n.kind)).toEqual(['exemption.requested']);
  });

  it('publishes nothing for a refused request or a grant outright', async () => {
    const publisher = recordingPublisher();
    const { service } = await setUp(publisher);
    await service.grant(entityRef, input(), grace);
    await expect(service.request(entityRef, input(), linus)).rejects.toThrow(
      'already exempt',
    );
    expect(publisher.events).toEqual([]);
  });

  it('keeps the request when publishing fails, and logs why', async () => {
    const { service, logger } = await setUp({
      publish: jest.fn().mockRejectedValue(new Error('events service down')),
    });
    const asked = await service.request(entityRef, input(), linus);
    expect(asked.status).toBe('requested');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('events service down'),
    );
  });
});
