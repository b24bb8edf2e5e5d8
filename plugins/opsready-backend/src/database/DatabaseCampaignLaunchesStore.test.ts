import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseCampaignLaunchesStore } from './DatabaseCampaignLaunchesStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(
  DatabaseCampaignLaunchesStore,
);

describe.each(databases.eachSupportedId())(
  'DatabaseCampaignLaunchesStore (%s)',
  databaseId => {
    it('remembers which launches were told, the first time kept', async () => {
      const { store, knex } = await createStore(databaseId);
      expect(await store.isLaunched('c1')).toBe(false);

      await store.markLaunched('c1', new Date('2026-12-01T10:00:00Z'));
      await store.markLaunched('c1', new Date('2026-12-02T10:00:00Z'));

      expect(await store.isLaunched('c1')).toBe(true);
      expect(await store.isLaunched('c2')).toBe(false);
      const [row] = await knex('opsready_campaign_launches');
      expect(new Date(row.launched_at)).toEqual(
        new Date('2026-12-01T10:00:00Z'),
      );
    });
  },
);
