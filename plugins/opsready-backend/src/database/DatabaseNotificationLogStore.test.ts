import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseNotificationLogStore } from './DatabaseNotificationLogStore';
import { NewLoggedNotice } from './NotificationLogStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(
  DatabaseNotificationLogStore,
);

const cart = 'component:default/cart';
const payments = 'group:default/payments';
const at = (time: string) => new Date(`2026-12-07T${time}:00Z`);

const notice = (overrides: Partial<NewLoggedNotice> = {}): NewLoggedNotice => ({
  entityRef: cart,
  environment: 'production',
  topic: 'health',
  kind: 'health.down',
  severity: 'critical',
  title: 'cart is down in production',
  link: '/catalog/default/component/cart/opsready-errors',
  scope: `opsready:health:${cart}:production`,
  recipients: [payments],
  status: 'sent',
  closes: false,
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'DatabaseNotificationLogStore (%s)',
  databaseId => {
    it("lists an entity's notices newest first, a page at a time", async () => {
      const { store } = await createStore(databaseId);
      for (let i = 0; i < 5; i++) {
        await store.add([notice({ title: `notice ${i}` })], at(`10:0${i}`));
      }
      await store.add(
        [notice({ entityRef: 'component:default/other' })],
        at('10:09'),
      );
      const first = await store.list(cart, {}, { limit: 3 });
      expect(first.items.map(n => n.title)).toEqual([
        'notice 4',
        'notice 3',
        'notice 2',
      ]);
      const second = await store.list(
        cart,
        {},
        { limit: 3, cursor: first.nextCursor },
      );
      expect(second.items.map(n => n.title)).toEqual(['notice 1', 'notice 0']);
      expect(second.nextCursor).toBeUndefined();
      expect(first.items[0]).toMatchObject({
        recipients: [payments],
        status: 'sent',
        closes: false,
        createdAt: '2026-12-07T10:04:00.000Z',
      });
    });

    it('resolves the open notices of a scope when a closing one is logged', async () => {
      const { store } = await createStore(databaseId);
      await store.add([notice()], at('10:00'));
      expect(
        (await store.list(cart, { open: true }, { limit: 10 })).items,
      ).toHaveLength(1);
      await store.add(
        [notice({ kind: 'health.up', closes: true, severity: 'normal' })],
        at('10:12'),
      );
      expect(
        (await store.list(cart, { open: true }, { limit: 10 })).items,
      ).toEqual([]);
      const all = (await store.list(cart, {}, { limit: 10 })).items;
      expect(all.map(n => n.resolvedAt)).toEqual([
        '2026-12-07T10:12:00.000Z',
        '2026-12-07T10:12:00.000Z',
      ]);
    });

    it('knows who was told of an open problem, until a closing notice ends it', async () => {
      const { store } = await createStore(databaseId);
      const scope = `opsready:health:${cart}:production`;
      const other = 'opsready:health:component:default/ads:production';
      const web = 'group:default/web';
      const platform = 'group:default/platform';
      await store.add(
        [
          notice({ recipients: [platform] }),
          notice({ recipients: [payments, web], status: 'updated' }),
          notice({ recipients: ['group:default/held'], status: 'held' }),
          notice({
            recipients: ['group:default/limited'],
            status: 'rate-limited',
          }),
          notice({ scope: other, recipients: ['group:default/ads'] }),
        ],
        at('10:02'),
      );
      const told = await store.recipientsOfOpenScopes([scope, other, 'none']);
      expect([...told.keys()].sort()).toEqual([other, scope].sort());
      expect(told.get(scope)!.sort()).toEqual([payments, platform, web].sort());

      await store.add(
        [notice({ recipients: [platform], closes: true, status: 'updated' })],
        at('10:20'),
      );
      expect([
        ...(await store.recipientsOfOpenScopes([scope, other])).keys(),
      ]).toEqual([other]);
    });

    it('gives the held notices whose window is over and whose problem is not', async () => {
      const { store } = await createStore(databaseId);
      const heldBy = (until: string) => ({
        windowId: 'w-1',
        reason: 'Database upgrade',
        until: at(until).toISOString(),
      });
      await store.add(
        [
          notice({ status: 'held', heldBy: heldBy('11:00') }),
          notice({
            status: 'held',
            heldBy: heldBy('12:00'),
            scope: 'opsready:error:cart:x',
            topic: 'errors',
          }),
          notice({
            status: 'held',
            heldBy: heldBy('11:00'),
            scope: 'opsready:health:other',
          }),
        ],
        at('10:00'),
      );
      // The third one's problem ended during the window.
      await store.add(
        [
          notice({
            status: 'held',
            closes: true,
            scope: 'opsready:health:other',
            heldBy: heldBy('11:00'),
          }),
        ],
        at('10:30'),
      );
      const due = await store.heldUntilBefore(at('11:01'), 10);
      expect(due.map(n => [n.scope, n.heldBy])).toEqual([
        [`opsready:health:${cart}:production`, heldBy('11:00')],
      ]);
      await store.markReleased(due.map(n => n.id));
      expect(await store.heldUntilBefore(at('11:01'), 10)).toEqual([]);
      expect(
        (await store.list(cart, { status: 'released' }, { limit: 10 })).items,
      ).toHaveLength(1);
    });

    it('knows which once-keys and scopes went out, and counts sends per recipient', async () => {
      const { store } = await createStore(databaseId);
      await store.add(
        [
          notice({ onceKey: 'stale:cart:a' }),
          notice({ onceKey: 'stale:cart:b', status: 'rate-limited' }),
        ],
        at('10:00'),
      );
      expect(
        await store.onceKeysSentSince(
          ['stale:cart:a', 'stale:cart:b', 'stale:cart:c'],
          at('09:00'),
        ),
      ).toEqual(new Set(['stale:cart:a']));
      expect(
        await store.onceKeysSentSince(['stale:cart:a'], at('10:01')),
      ).toEqual(new Set());
      await store.add(
        [notice({ recipients: ['user:default/ana'], status: 'updated' })],
        at('10:05'),
      );
      expect(
        await store.recipientsTold([
          `opsready:health:${cart}:production`,
          'opsready:never',
        ]),
      ).toEqual(
        new Map([
          [
            `opsready:health:${cart}:production`,
            new Set([payments, 'user:default/ana']),
          ],
        ]),
      );

      await store.recordSends(
        [payments, 'user:default/ana'],
        'health',
        at('10:00'),
      );
      await store.recordSends([payments], 'health', at('10:30'));
      await store.recordSends([payments], 'errors', at('10:30'));
      expect(
        await store.sendsSince(
          [payments, 'user:default/ana', 'group:default/x'],
          'health',
          at('10:10'),
        ),
      ).toEqual(new Map([[payments, 1]]));
      expect(
        await store.sendsSince(
          [payments, 'user:default/ana'],
          'health',
          at('09:00'),
        ),
      ).toEqual(
        new Map([
          [payments, 2],
          ['user:default/ana', 1],
        ]),
      );

      await store.prune({ sendsBefore: at('10:10'), logBefore: at('09:00') });
      expect(await store.sendsSince([payments], 'health', at('09:00'))).toEqual(
        new Map([[payments, 1]]),
      );
    });
  },
);
