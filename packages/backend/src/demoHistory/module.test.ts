import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import opsreadyPlugin from '@opsready/plugin-opsready-backend';
import { opsreadyModuleDemoHistory } from './module';

// Each test starts the OpsReady plugin (and its migrations) more than once.
jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const DAY = 24 * 3600_000;
const checkout = 'component:default/checkoutservice';

type Knex = Awaited<ReturnType<typeof databases.init>>;

/** Starts the backend on the database, as `npm start` would, and stops it. */
async function startBackend(knex: Knex, config: object) {
  const backend = await startTestBackend({
    features: [
      opsreadyPlugin,
      opsreadyModuleDemoHistory,
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  await backend.stop();
}

const demo = { opsready: { demo: { history: true } } };

/** The history of the demo's production services, oldest first. */
async function history(knex: Knex) {
  const rows = await knex('opsready_check_result_history')
    .orderBy([{ column: 'changed_at' }, { column: 'id' }])
    .select('entity_ref', 'check_id', 'status', 'changed_at');
  return rows.map(row => ({
    entityRef: row.entity_ref as string,
    checkId: row.check_id as string,
    status: row.status as string,
    daysAgo: Math.round(
      (Date.now() - new Date(row.changed_at).getTime()) / DAY,
    ),
  }));
}

/** Each service's last status of each check: where the story ends. */
function latest(rows: Awaited<ReturnType<typeof history>>) {
  const last = new Map<string, string>();
  for (const row of rows) {
    last.set(`${row.entityRef.split('/')[1]} ${row.checkId}`, row.status);
  }
  return Object.fromEntries([...last].sort());
}

describe('the demo history module', () => {
  it.each(databases.eachSupportedId())(
    'backdates the demo campaign’s three weeks once, however often the backend starts, on %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);
      await startBackend(knex, demo);
      const first = await history(knex);
      await startBackend(knex, demo);
      expect(await history(knex)).toEqual(first);

      expect(first).toHaveLength(14);
      expect(first[0]).toEqual(expect.objectContaining({ daysAgo: 22 }));
      // Storefront is done; payments added probes late and no budget.
      expect(latest(first)).toEqual({
        'cartservice kubernetes.pdb': 'pass',
        'cartservice kubernetes.probes': 'pass',
        'checkoutservice kubernetes.pdb': 'fail',
        'checkoutservice kubernetes.probes': 'pass',
        'frontend kubernetes.pdb': 'pass',
        'frontend kubernetes.probes': 'pass',
        'paymentservice kubernetes.pdb': 'fail',
        'paymentservice kubernetes.probes': 'pass',
      });
      expect(
        first
          .filter(r => r.status === 'pass' && r.checkId === 'kubernetes.pdb')
          .map(r => [r.entityRef, r.daysAgo]),
      ).toEqual([
        ['component:default/frontend', 16],
        ['component:default/cartservice', 9],
      ]);
    },
  );

  it('leaves a history older than a day as it is', async () => {
    const knex = await databases.init('SQLITE_3');
    await startBackend(knex, {});
    await knex('opsready_check_result_history').insert({
      entity_ref: checkout,
      check_id: 'kubernetes.pdb',
      status: 'pass',
      message: 'Every production Deployment has one.',
      changed_at: new Date(Date.now() - 40 * DAY),
    });
    await startBackend(knex, demo);
    const rows = await history(knex);
    expect(
      rows.filter(
        r => r.entityRef === checkout && r.checkId === 'kubernetes.pdb',
      ),
    ).toEqual([
      {
        entityRef: checkout,
        checkId: 'kubernetes.pdb',
        status: 'pass',
        daysAgo: 40,
      },
    ]);
    expect(rows).toHaveLength(14);
  });

  it('writes nothing unless opsready.demo.history is true', async () => {
    const knex = await databases.init('SQLITE_3');
    await startBackend(knex, {});
    await startBackend(knex, { opsready: { demo: { history: false } } });
    expect(await history(knex)).toEqual([]);
  });
});
