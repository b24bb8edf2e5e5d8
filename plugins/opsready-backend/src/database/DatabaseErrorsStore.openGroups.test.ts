import {
  createTestDatabases,
  testPluginDatabase,
} from '../__testUtils__/testDatabases';
import { error, now } from '../__testUtils__/eventInputs';
import { DatabaseErrorsStore } from './DatabaseErrorsStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const HOUR = 3600_000;
const ago = (hours: number) =>
  new Date(now.getTime() - hours * HOUR).toISOString();
const ledger = 'component:default/ledger';

describe.each(databases.eachSupportedId())(
  'DatabaseErrorsStore open error groups (%s)',
  databaseId => {
    it('lists the groups of every entity whose oldest open error is older than a time, each by its latest open error', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseErrorsStore.create({
        database: testPluginDatabase(knex),
      });
      await store.upsertErrors(
        [
          // One problem, open since 72 h; its latest error is in staging.
          error('redis-1', ago(72), {
            severity: 'critical',
            fingerprint: 'redis',
            message: 'redis unreachable',
          }),
          error('redis-2', ago(10), {
            severity: 'critical',
            fingerprint: 'redis',
            environment: 'staging',
            message: 'redis unreachable again',
          }),
          // Its old error was resolved: open only since an hour.
          error('disk-1', ago(72), {
            severity: 'critical',
            fingerprint: 'disk',
            resolvedAt: ago(70),
          }),
          error('disk-2', ago(1), {
            severity: 'critical',
            fingerprint: 'disk',
          }),
          // Not critical.
          error('slow-1', ago(120), { severity: 'high', fingerprint: 'slow' }),
          // Another entity, open since 48 h.
          error('db-1', ago(48), {
            entityRef: ledger,
            severity: 'critical',
            fingerprint: 'db',
            message: 'connection pool exhausted',
          }),
        ],
        now,
      );

      const before = new Date(now.getTime() - 24 * HOUR);
      expect(await store.openErrorGroupsBefore('critical', before, 10)).toEqual(
        [
          {
            entityRef: 'component:default/cartservice',
            fingerprint: 'redis',
            errorId: expect.any(String),
            environment: 'staging',
            message: 'redis unreachable again',
            openedAt: ago(72),
          },
          {
            entityRef: ledger,
            fingerprint: 'db',
            errorId: expect.any(String),
            environment: 'production',
            message: 'connection pool exhausted',
            openedAt: ago(48),
          },
        ],
      );
      const [redis] = await store.openErrorGroupsBefore('critical', before, 1);
      const latest = await store.getError(redis.errorId);
      expect(latest?.externalId).toBe('redis-2');

      // Resolving the group's errors ends it.
      await store.resolveError(redis.errorId, {
        by: 'user:default/ada',
        at: now,
      });
      expect(
        (await store.openErrorGroupsBefore('critical', before, 10)).map(
          g => g.fingerprint,
        ),
      ).toEqual(['db']);
    });
  },
);
