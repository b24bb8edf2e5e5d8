import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readdirSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { opsreadyPlugin } from './plugin';
import { createScratchDatabase, replicaConfig } from './__testUtils__/replicas';

/*
 * Two replicas of a new install start at the same moment on one empty
 * PostgreSQL database: both migrate, and knex's migration lock must make
 * one wait for the other rather than fail or run a migration twice.
 */
jest.setTimeout(120_000);

const migrations = readdirSync(
  resolvePackagePath('@opsready/plugin-opsready-backend', 'migrations'),
).filter(f => f.endsWith('.js'));

// A race shows itself on some starts only: start a few pairs.
const ROUNDS = 3;

describe('two backends starting at once on an empty PostgreSQL database', () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))(
    'both start and the migrations run once (round %i)',
    async () => {
      const database = await createScratchDatabase('opsready_startup');
      try {
        const start = () =>
          startTestBackend({
            features: [
              opsreadyPlugin,
              schedulerServiceFactory,
              catalogServiceMock.factory({ entities: [] }),
              replicaConfig(database.name, {
                // Nothing scheduled runs while the test looks.
                opsready: {
                  schedule: {
                    frequency: { hours: 1 },
                    timeout: { minutes: 1 },
                    initialDelay: { hours: 1 },
                  },
                  health: { enabled: false },
                },
              }),
            ],
          });
        const started = await Promise.allSettled([start(), start()]);
        const failures = started.flatMap(s =>
          s.status === 'rejected' ? [String(s.reason)] : [],
        );
        expect(failures).toEqual([]);

        const applied = await database
          .knex('knex_migrations')
          .select('name', 'batch')
          .orderBy('id');
        expect(applied).toEqual(migrations.map(name => ({ name, batch: 1 })));
        const [lock] = await database.knex('knex_migrations_lock').select();
        expect(Number(lock.is_locked)).toBe(0);
        expect(
          await database.knex.schema.hasTable('opsready_deployments'),
        ).toBe(true);

        await Promise.all(
          started.map(s =>
            s.status === 'fulfilled' ? s.value.stop() : undefined,
          ),
        );
      } finally {
        await database.drop();
      }
    },
  );
});
