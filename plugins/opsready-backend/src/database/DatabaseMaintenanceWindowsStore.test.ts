import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseMaintenanceWindowsStore } from './DatabaseMaintenanceWindowsStore';
import { NewMaintenanceWindow } from './MaintenanceWindowsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(
  DatabaseMaintenanceWindowsStore,
);

const at = (iso: string) => new Date(iso);
const cart = 'component:default/cartservice';
const shop = 'system:default/shop';

const window = (
  extra: Partial<NewMaintenanceWindow> = {},
): NewMaintenanceWindow => ({
  targetRef: cart,
  startsAt: at('2026-12-05T02:00:00Z'),
  endsAt: at('2026-12-05T04:00:00Z'),
  reason: 'Database upgrade',
  createdBy: 'user:default/pat',
  source: 'manual',
  ...extra,
});

describe.each(databases.eachSupportedId())(
  'DatabaseMaintenanceWindowsStore (%s)',
  databaseId => {
    it('keeps a window with its target, times, recurrence and author, and deletes it', async () => {
      const { store } = await createStore(databaseId);
      const weekly = await store.createWindow(
        window({
          environment: 'production',
          cron: '0 2 * * 6',
          timeZone: 'Europe/Berlin',
          until: at('2027-03-01T00:00:00Z'),
        }),
      );
      expect(weekly).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        targetRef: cart,
        environment: 'production',
        startsAt: '2026-12-05T02:00:00.000Z',
        endsAt: '2026-12-05T04:00:00.000Z',
        reason: 'Database upgrade',
        cron: '0 2 * * 6',
        timeZone: 'Europe/Berlin',
        until: '2027-03-01T00:00:00.000Z',
        createdBy: 'user:default/pat',
        createdAt: expect.any(String),
        source: 'manual',
      });
      expect(await store.getWindow(weekly.id)).toEqual(weekly);

      // Every environment, once: none of the optional fields.
      const once = await store.createWindow(window());
      expect(Object.keys(once).sort()).toEqual(
        [
          'id',
          'targetRef',
          'startsAt',
          'endsAt',
          'reason',
          'createdBy',
          'createdAt',
          'source',
        ].sort(),
      );

      expect(await store.deleteWindow(weekly.id)).toBe(true);
      expect(await store.getWindow(weekly.id)).toBeUndefined();
      expect(await store.deleteWindow(weekly.id)).toBe(false);
      expect(await store.getWindow(once.id)).toEqual(once);
    });

    it('finds the windows of the targets that may be in force in a range', async () => {
      const { store } = await createStore(databaseId);
      const morning = await store.createWindow(window());
      const systemWide = await store.createWindow(
        window({
          targetRef: shop,
          startsAt: at('2026-12-05T03:00:00Z'),
          endsAt: at('2026-12-05T05:00:00Z'),
        }),
      );
      const weekly = await store.createWindow(
        window({ startsAt: at('2026-11-01T02:00:00Z'), cron: '0 2 * * 6' }),
      );
      const endedRecurrence = await store.createWindow(
        window({
          startsAt: at('2026-09-01T02:00:00Z'),
          endsAt: at('2026-09-01T04:00:00Z'),
          cron: '0 2 * * *',
          until: at('2026-09-30T00:00:00Z'),
        }),
      );
      await store.createWindow(
        window({ targetRef: 'component:default/other' }),
      );
      const ids = async (from: string, to: string, targets = [cart, shop]) =>
        (
          await store.windowsOverlapping(targets, {
            from: at(from),
            to: at(to),
          })
        ).map(w => w.id);

      expect(await ids('2026-12-05T00:00:00Z', '2026-12-06T00:00:00Z')).toEqual(
        [weekly.id, morning.id, systemWide.id],
      );
      // The one-off windows end at 04:00 and 05:00.
      expect(await ids('2026-12-05T04:30:00Z', '2026-12-06T00:00:00Z')).toEqual(
        [weekly.id, systemWide.id],
      );
      expect(
        await ids('2026-12-05T00:00:00Z', '2026-12-06T00:00:00Z', [shop]),
      ).toEqual([systemWide.id]);
      expect(
        await store.systemWindowsOverlap({
          from: at('2026-12-05T00:00:00Z'),
          to: at('2026-12-06T00:00:00Z'),
        }),
      ).toBe(true);
      expect(
        await store.systemWindowsOverlap({
          from: at('2026-12-05T05:00:00Z'),
          to: at('2026-12-06T00:00:00Z'),
        }),
      ).toBe(false);
      // Nothing has started before the range ends.
      expect(await ids('2026-08-01T00:00:00Z', '2026-08-02T00:00:00Z')).toEqual(
        [],
      );
      // A recurrence over since until (and its occurrences' longest reach).
      expect(await ids('2026-09-15T00:00:00Z', '2026-09-16T00:00:00Z')).toEqual(
        [endedRecurrence.id],
      );
      expect(await ids('2026-11-15T00:00:00Z', '2026-11-16T00:00:00Z')).toEqual(
        [weekly.id],
      );
    });

    it("ends a deployment's window when the deployment finishes, never before it began", async () => {
      const { store } = await createStore(databaseId);
      const deploying = await store.createWindow(
        window({
          source: 'deployment',
          deploymentId: 'd-1',
          environment: 'production',
          startsAt: at('2026-12-05T10:00:00Z'),
          endsAt: at('2026-12-05T10:15:00Z'),
          reason: 'Deployment 1.4.2 in progress',
        }),
      );
      const manual = await store.createWindow(window());
      expect(await store.deploymentWindow(cart, 'd-1')).toEqual(deploying);
      expect(await store.deploymentWindow(shop, 'd-1')).toBeUndefined();

      expect(
        await store.endDeploymentWindows('d-1', at('2026-12-05T10:04:00Z')),
      ).toBe(1);
      expect(await store.getWindow(deploying.id)).toMatchObject({
        endsAt: '2026-12-05T10:04:00.000Z',
      });
      // A later end changes nothing: it is already over.
      expect(
        await store.endDeploymentWindows('d-1', at('2026-12-05T10:10:00Z')),
      ).toBe(0);
      expect(await store.getWindow(manual.id)).toEqual(manual);

      const early = await store.createWindow(
        window({
          source: 'deployment',
          deploymentId: 'd-2',
          startsAt: at('2026-12-06T10:00:00Z'),
          endsAt: at('2026-12-06T10:15:00Z'),
        }),
      );
      await store.endDeploymentWindows('d-2', at('2026-12-06T09:00:00Z'));
      expect(await store.getWindow(early.id)).toMatchObject({
        startsAt: '2026-12-06T10:00:00.000Z',
        endsAt: '2026-12-06T10:00:00.000Z',
      });
    });
  },
);
