import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createEventStores } from '../__testUtils__/eventStores';
import { DeliveryFactProvider } from './DeliveryFactProvider';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const now = new Date('2026-11-24T12:00:00Z');

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'storefront' },
});

describe.each(databases.eachSupportedId())(
  'DeliveryFactProvider (%s)',
  databaseId => {
    async function setUp(id: TestDatabaseId) {
      const knex = await databases.init(id);
      const stores = await createEventStores({
        getClient: async () => knex,
        migrations: { skip: false },
      });
      return {
        stores,
        provider: new DeliveryFactProvider({ ...stores, now: () => now }),
      };
    }

    it('gives the last production deployment, the open critical problems and the creation', async () => {
      const { stores, provider } = await setUp(databaseId);
      const cart = 'component:default/cartservice';
      const base = { entityRef: cart, source: 'api', version: '1.0.0' };
      await stores.deployments.upsertDeployments(
        [
          {
            ...base,
            environment: 'production',
            status: 'succeeded',
            startedAt: '2026-11-20T10:00:00Z',
            finishedAt: '2026-11-20T10:05:00Z',
            externalId: 'd1',
          },
          // Later, but failed, or not production: neither counts.
          {
            ...base,
            environment: 'production',
            status: 'failed',
            startedAt: '2026-11-22T10:00:00Z',
            externalId: 'd2',
          },
          {
            ...base,
            environment: 'staging',
            status: 'succeeded',
            startedAt: '2026-11-23T10:00:00Z',
            externalId: 'd3',
          },
        ],
        now,
      );
      const error = {
        entityRef: cart,
        environment: 'production',
        category: 'dependency' as const,
        source: 'api',
        message: 'payment gateway unreachable',
      };
      await stores.errors.upsertErrors(
        [
          // Two sightings of one problem are one thing to fix.
          {
            ...error,
            severity: 'critical',
            occurredAt: '2026-11-23T08:00:00Z',
            externalId: 'e1',
            fingerprint: 'gateway',
          },
          {
            ...error,
            severity: 'critical',
            occurredAt: '2026-11-23T09:00:00Z',
            externalId: 'e2',
            fingerprint: 'gateway',
          },
          // Not critical.
          {
            ...error,
            severity: 'high',
            occurredAt: '2026-11-23T09:00:00Z',
            externalId: 'e3',
            fingerprint: 'slow',
          },
        ],
        now,
      );
      await stores.provisioned.addProvisioned(
        cart,
        { templateName: 'node-service' },
        new Date('2026-10-01T00:00:00Z'),
      );

      const facts = await provider.gather([component('cartservice')]);
      expect(facts.get(cart)?.delivery).toEqual({
        lastDeploymentAt: '2026-11-20T10:05:00.000Z',
        provisionedAt: '2026-10-01T00:00:00.000Z',
        openCriticalErrors: [
          {
            id: expect.any(String),
            openedAt: '2026-11-23T08:00:00.000Z',
            message: 'payment gateway unreachable',
          },
        ],
      });
    });

    it('gives a service with no records facts too: never deployed, nothing open', async () => {
      const { provider } = await setUp(databaseId);
      const facts = await provider.gather([component('newservice')]);
      expect(facts.get('component:default/newservice')?.delivery).toEqual({
        openCriticalErrors: [],
      });
    });
  },
);
