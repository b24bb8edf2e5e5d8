import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseCheckLocationsStore } from './DatabaseCheckLocationsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(
  DatabaseCheckLocationsStore,
);

const POLICY = 'https://github.com/acme/policy/blob/main/opsready/checks.yaml';
const TEAM = 'https://github.com/acme/team/blob/main/checks.yaml';

describe.each(databases.eachSupportedId())(
  'DatabaseCheckLocationsStore (%s)',
  databaseId => {
    it('keeps the last text of each location, a newer read replacing the older', async () => {
      const { store } = await createStore(databaseId);
      await store.keep({
        target: POLICY,
        etag: 'e1',
        text: 'checks: []\n',
        readAt: '2026-12-14T10:00:00.000Z',
      });
      await store.keep({
        target: TEAM,
        text: 'checks: [team]\n',
        readAt: '2026-12-14T10:01:00.000Z',
      });
      await store.keep({
        target: POLICY,
        etag: 'e2',
        text: 'checks: [second]\n',
        readAt: '2026-12-14T10:10:00.000Z',
      });

      const kept = await store.getMany([POLICY, TEAM]);
      expect(kept.sort((a, b) => a.target.localeCompare(b.target))).toEqual([
        {
          target: POLICY,
          etag: 'e2',
          text: 'checks: [second]\n',
          readAt: '2026-12-14T10:10:00.000Z',
        },
        {
          target: TEAM,
          text: 'checks: [team]\n',
          readAt: '2026-12-14T10:01:00.000Z',
        },
      ]);
    });

    it('leaves out locations never kept', async () => {
      const { store } = await createStore(databaseId);
      await store.keep({
        target: TEAM,
        text: 'checks: []\n',
        readAt: '2026-12-14T10:00:00.000Z',
      });
      expect(await store.getMany([POLICY])).toEqual([]);
      expect(await store.getMany([])).toEqual([]);
    });
  },
);
