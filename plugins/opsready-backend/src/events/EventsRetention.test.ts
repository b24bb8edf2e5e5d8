import { mockServices } from '@backstage/backend-test-utils';
import { createEventStores } from '../__testUtils__/eventStores';
import { cart, deployment, error, now } from '../__testUtils__/eventInputs';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseWebhookSkipsStore } from '../database/DatabaseWebhookSkipsStore';
import { EventsRetention } from './EventsRetention';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const DAY = 24 * 3600_000;

describe.each(databases.eachSupportedId())(
  'EventsRetention (%s)',
  databaseId => {
    it('deletes deployments, errors and webhook skips past the retention, keeping what runs where', async () => {
      const knex = await databases.init(databaseId);
      const database = {
        getClient: async () => knex,
        migrations: { skip: false },
      };
      const { deployments, errors } = await createEventStores(database);
      const webhookSkips = await DatabaseWebhookSkipsStore.create({ database });
      const old = new Date(now.getTime() - 40 * DAY).toISOString();
      const older = new Date(now.getTime() - 41 * DAY).toISOString();
      const recent = new Date(now.getTime() - DAY).toISOString();
      await deployments.upsertDeployments(
        [
          deployment('prod-older', older, { version: '1.0.0' }),
          deployment('prod-old', old, { version: '1.1.0' }),
          deployment('staging-recent', recent, { environment: 'staging' }),
        ],
        now,
      );
      await errors.upsertErrors(
        [error('old', old), error('recent', recent, { fingerprint: 'other' })],
        now,
      );
      await webhookSkips.add(
        'github',
        [{ item: 'deployment github-1', reason: 'no entity' }],
        new Date(old),
      );
      const logger = mockServices.logger.mock();

      const retention = new EventsRetention({
        deployments,
        errors,
        webhookSkips,
        scheduler: mockServices.scheduler.mock(),
        logger,
        retentionDays: 30,
      });

      expect(await retention.retain(now)).toEqual({
        deployments: 1,
        errors: 1,
        webhookSkips: 1,
      });
      // The latest production deployment stays however old it is.
      expect(
        (await deployments.latestPerEnvironment(cart)).map(d => d.externalId),
      ).toEqual(['prod-old', 'staging-recent']);
      expect(
        (await errors.listErrors(cart, {}, { limit: 10 })).items.map(
          e => e.externalId,
        ),
      ).toEqual(['recent']);
      expect(logger.info).toHaveBeenCalledWith(
        'OpsReady events retention (30 days): deleted 1 deployments, 1 errors and 1 webhook skips',
      );
    });
  },
);
