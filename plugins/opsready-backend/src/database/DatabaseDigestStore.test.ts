import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseDigestStore } from './DatabaseDigestStore';
import { NewDigestItem } from './DigestStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(DatabaseDigestStore);

const at = (iso: string) => new Date(iso);
const item = (
  recipientRef: string,
  createdAt: string,
  extra: Partial<NewDigestItem> = {},
): NewDigestItem => ({
  topic: 'compliance',
  recipientRef,
  entityRef: 'component:default/cartservice',
  kind: 'compliance.level-dropped',
  severity: 'normal',
  title: 'cartservice dropped from gold to silver',
  link: '/catalog/default/component/cartservice/opsready-compliance',
  createdAt: at(createdAt),
  ...extra,
});

describe.each(databases.eachSupportedId())(
  'DatabaseDigestStore (%s)',
  databaseId => {
    it('keeps items until they are sent, per topic and recipient, those added before a time', async () => {
      const { store } = await createStore(databaseId);
      const team = 'group:default/team';
      const ada = 'user:default/ada';
      await store.addItems([
        item(team, '2026-12-07T09:00:00Z', {
          description: 'Its score no longer meets gold.',
        }),
        item(ada, '2026-12-07T10:00:00Z'),
        item(team, '2026-12-07T11:00:00Z', {
          kind: 'compliance.check-failing',
          severity: 'critical',
          title: 'cartservice fails the critical check "Has an owner"',
        }),
        // After the digest's time: the next one carries it.
        item(team, '2026-12-08T08:30:00Z'),
        item(team, '2026-12-07T09:00:00Z', { topic: 'exemptions' }),
      ]);
      const due = at('2026-12-08T08:00:00Z');

      expect(await store.waitingRecipients('compliance', due)).toEqual(
        [team, ada].sort(),
      );
      const waiting = await store.waitingItems('compliance', team, due, 100);
      expect(waiting).toEqual([
        {
          id: expect.any(String),
          topic: 'compliance',
          recipientRef: team,
          entityRef: 'component:default/cartservice',
          kind: 'compliance.level-dropped',
          severity: 'normal',
          title: 'cartservice dropped from gold to silver',
          description: 'Its score no longer meets gold.',
          link: '/catalog/default/component/cartservice/opsready-compliance',
          createdAt: '2026-12-07T09:00:00.000Z',
        },
        expect.objectContaining({
          kind: 'compliance.check-failing',
          severity: 'critical',
          createdAt: '2026-12-07T11:00:00.000Z',
        }),
      ]);
      expect(await store.waitingItems('compliance', team, due, 1)).toEqual([
        waiting[0],
      ]);

      await store.markSent(
        waiting.map(i => i.id),
        at('2026-12-08T08:00:05Z'),
      );
      expect(await store.waitingItems('compliance', team, due, 100)).toEqual(
        [],
      );
      expect(await store.waitingRecipients('compliance', due)).toEqual([ada]);
      // Other topics, and later items, still wait.
      expect(
        await store.waitingItems('exemptions', team, due, 100),
      ).toHaveLength(1);
      expect(
        await store.waitingItems(
          'compliance',
          team,
          at('2026-12-09T08:00:00Z'),
          100,
        ),
      ).toEqual([
        expect.objectContaining({ createdAt: '2026-12-08T08:30:00.000Z' }),
      ]);

      // Sent items go after a while; waiting ones never do.
      expect(await store.deleteSentBefore(at('2026-12-08T08:00:00Z'))).toBe(0);
      expect(await store.deleteSentBefore(at('2027-01-08T00:00:00Z'))).toBe(2);
      expect(
        await store.waitingRecipients('compliance', at('2030-01-01T00:00:00Z')),
      ).toEqual([ada, team].sort());
    });
  },
);
