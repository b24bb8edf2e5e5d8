import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createTestDatabases,
  testPluginDatabase,
} from '../__testUtils__/testDatabases';
import { DatabaseMaintenanceWindowsStore } from '../database/DatabaseMaintenanceWindowsStore';
import { NewMaintenanceWindow } from '../database/MaintenanceWindowsStore';
import { MaintenanceService } from './MaintenanceService';
import { SystemLookup } from './SystemLookup';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const at = (iso: string) => new Date(iso);

const cart = 'component:default/cartservice';
const shop = 'system:default/shop';
const cartservice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cartservice', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments', system: 'shop' },
};
const loner: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'loner', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

async function setUp(now = at('2026-12-05T03:00:00Z')) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseMaintenanceWindowsStore.create({
    database: testPluginDatabase(knex),
  });
  const catalog = catalogServiceMock({ entities: [cartservice, loner] });
  const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
  const service = new MaintenanceService({
    store,
    systems: new SystemLookup({ catalog, auth: mockServices.auth() }),
    now: () => now,
  });
  const add = (extra: Partial<NewMaintenanceWindow> = {}) =>
    store.createWindow({
      targetRef: cart,
      startsAt: at('2026-12-05T02:00:00Z'),
      endsAt: at('2026-12-05T04:00:00Z'),
      reason: 'Database upgrade',
      createdBy: 'user:default/pat',
      source: 'manual',
      ...extra,
    });
  return { service, add, getEntityByRef };
}

describe('MaintenanceService.activeWindow', () => {
  it('answers the window in force for the entity, with its reason and end', async () => {
    const { service, add, getEntityByRef } = await setUp();
    const window = await add();
    expect(
      await service.activeWindow(
        cart,
        'production',
        at('2026-12-05T03:00:00Z'),
      ),
    ).toEqual({
      windowId: window.id,
      reason: 'Database upgrade',
      endsAt: '2026-12-05T04:00:00.000Z',
    });
    expect(
      await service.activeWindow(
        cart,
        'production',
        at('2026-12-05T04:00:00Z'),
      ),
    ).toBeUndefined();
    expect(
      await service.activeWindow(
        'component:default/loner',
        'production',
        at('2026-12-05T03:00:00Z'),
      ),
    ).toBeUndefined();
    // No System has a window: nobody's system needed looking up.
    expect(getEntityByRef).not.toHaveBeenCalled();
  });

  it("holds only the window's environment, or every one when it names none", async () => {
    const { service, add } = await setUp();
    await add({ environment: 'staging' });
    const during = at('2026-12-05T03:00:00Z');
    expect(await service.activeWindow(cart, 'staging', during)).toBeDefined();
    expect(await service.activeWindow(cart, 'production', during)).toBe(
      undefined,
    );
    // A notice about the entity as a whole is held only by a window on all.
    expect(await service.activeWindow(cart, undefined, during)).toBe(undefined);
    await add({ reason: 'Everything' });
    expect(await service.activeWindow(cart, undefined, during)).toMatchObject({
      reason: 'Everything',
    });
  });

  it("applies the windows of the entity's system, reading the system once for several questions, with the plugin's credentials", async () => {
    const { service, add, getEntityByRef } = await setUp();
    const network = await add({
      targetRef: shop,
      reason: 'Network maintenance in the shop',
    });
    const during = at('2026-12-05T03:00:00Z');
    expect(await service.activeWindow(cart, 'production', during)).toEqual({
      windowId: network.id,
      reason: 'Network maintenance in the shop',
      endsAt: '2026-12-05T04:00:00.000Z',
    });
    expect(
      await service.activeWindow('component:default/loner', 'x', during),
    ).toBeUndefined();
    await service.activeWindow(cart, 'staging', during);
    expect(
      getEntityByRef.mock.calls.filter(([ref]) => ref === cart),
    ).toHaveLength(1);
    expect(getEntityByRef).toHaveBeenCalledWith(cart, {
      credentials: expect.objectContaining({
        principal: expect.objectContaining({ type: 'service' }),
      }),
    });
  });

  it('answers the occurrence of a recurring window, and of several the one that ends last', async () => {
    const { service, add } = await setUp();
    await add({
      startsAt: at('2026-11-01T02:00:00Z'),
      endsAt: at('2026-11-01T03:00:00Z'),
      cron: '0 2 * * 6',
      reason: 'Weekly patching',
    });
    const saturday = at('2026-12-12T02:30:00Z');
    expect(await service.activeWindow(cart, 'production', saturday)).toEqual(
      expect.objectContaining({
        reason: 'Weekly patching',
        endsAt: '2026-12-12T03:00:00.000Z',
      }),
    );
    expect(
      await service.activeWindow(
        cart,
        'production',
        at('2026-12-11T02:30:00Z'),
      ),
    ).toBeUndefined();
    await add({
      targetRef: shop,
      startsAt: at('2026-12-12T01:00:00Z'),
      endsAt: at('2026-12-12T06:00:00Z'),
      reason: 'Long one',
    });
    expect(
      await service.activeWindow(cart, 'production', saturday),
    ).toMatchObject({ reason: 'Long one', endsAt: '2026-12-12T06:00:00.000Z' });
  });
});

describe('MaintenanceService.occurrencesBetween', () => {
  it("lists the entity's and its system's spans in the range, in time order", async () => {
    const { service, add } = await setUp();
    const weekly = await add({
      startsAt: at('2026-11-01T02:00:00Z'),
      endsAt: at('2026-11-01T03:00:00Z'),
      cron: '0 2 * * 6',
      reason: 'Weekly patching',
    });
    const network = await add({
      targetRef: shop,
      environment: 'staging',
      startsAt: at('2026-12-10T00:00:00Z'),
      endsAt: at('2026-12-10T01:00:00Z'),
      reason: 'Staging network',
    });
    const range = {
      from: at('2026-12-06T00:00:00Z'),
      to: at('2026-12-20T00:00:00Z'),
    };
    expect(await service.occurrencesBetween(cart, range)).toEqual([
      {
        windowId: network.id,
        targetRef: shop,
        environment: 'staging',
        reason: 'Staging network',
        start: at('2026-12-10T00:00:00Z'),
        end: at('2026-12-10T01:00:00Z'),
      },
      expect.objectContaining({
        windowId: weekly.id,
        start: at('2026-12-12T02:00:00Z'),
      }),
      expect.objectContaining({
        windowId: weekly.id,
        start: at('2026-12-19T02:00:00Z'),
      }),
    ]);
    expect(
      (
        await service.occurrencesBetween(cart, range, {
          environment: 'production',
        })
      ).map(o => o.windowId),
    ).toEqual([weekly.id, weekly.id]);
  });
});

describe('MaintenanceService.list', () => {
  it('lists windows in force first, then upcoming ones, and past ones only when asked', async () => {
    const { service, add } = await setUp(at('2026-12-05T03:00:00Z'));
    const now = await add();
    const later = await add({
      targetRef: shop,
      startsAt: at('2026-12-09T00:00:00Z'),
      endsAt: at('2026-12-09T01:00:00Z'),
    });
    const weekly = await add({
      startsAt: at('2026-11-01T05:00:00Z'),
      endsAt: at('2026-11-01T06:00:00Z'),
      cron: '0 5 * * 6',
    });
    const over = await add({
      startsAt: at('2026-12-01T00:00:00Z'),
      endsAt: at('2026-12-01T01:00:00Z'),
    });
    await add({
      startsAt: at('2026-10-01T00:00:00Z'),
      endsAt: at('2026-10-01T01:00:00Z'),
      reason: 'Over too long ago to list',
    });

    const listed = await service.list(cart);
    expect(listed.map(w => [w.id, w.active, w.nextOccurrence?.start])).toEqual([
      [now.id, true, '2026-12-05T02:00:00.000Z'],
      [weekly.id, false, '2026-12-05T05:00:00.000Z'],
      [later.id, false, '2026-12-09T00:00:00.000Z'],
    ]);
    expect(
      (await service.list(cart, { includePast: true })).map(w => [
        w.id,
        w.nextOccurrence,
      ]),
    ).toEqual([
      [now.id, expect.anything()],
      [weekly.id, expect.anything()],
      [later.id, expect.anything()],
      [over.id, null],
    ]);
  });
});
