import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CallerEntityReader } from './CallerEntityReader';

const cart: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cartservice', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-a' },
};
const cartRef = 'component:default/cartservice';

function setUp() {
  let now = 0;
  const visibleTo = new Map<string, Entity | undefined>();
  const getEntityByRef = jest.fn(
    async (_ref: string, { credentials }: { credentials: any }) => {
      const caller =
        credentials.principal.userEntityRef ?? credentials.principal.subject;
      if (caller === 'user:default/broken') throw new Error('catalog down');
      return visibleTo.has(caller) ? visibleTo.get(caller) : cart;
    },
  );
  const reader = new CallerEntityReader(
    { getEntityByRef } as unknown as CatalogService,
    { ttlMs: 5_000, maxEntries: 2, now: () => now },
  );
  return {
    reader,
    getEntityByRef,
    visibleTo,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('CallerEntityReader', () => {
  it('serves the requests of one caller from one catalog read for a few seconds', async () => {
    const { reader, getEntityByRef, advance } = setUp();
    const alice = mockCredentials.user('user:default/alice');
    const reads = await Promise.all([
      reader.read(cartRef, alice),
      reader.read('Component:default/CartService', alice),
      reader.read(cartRef, alice),
    ]);
    expect(reads).toEqual([cart, cart, cart]);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);

    advance(4_999);
    await reader.read(cartRef, alice);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    advance(1);
    await reader.read(cartRef, alice);
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('never answers one caller with what another may see, and asks again about what it did not find', async () => {
    const { reader, visibleTo, getEntityByRef } = setUp();
    visibleTo.set('user:default/mallory', undefined);
    expect(
      await reader.read(cartRef, mockCredentials.user('user:default/alice')),
    ).toEqual(cart);
    expect(
      await reader.read(cartRef, mockCredentials.user('user:default/mallory')),
    ).toBeUndefined();
    expect(
      await reader.read(cartRef, mockCredentials.service('external:ci')),
    ).toEqual(cart);
    expect(getEntityByRef).toHaveBeenCalledTimes(3);

    // Now in the catalog for mallory too (registered, or shared with her).
    visibleTo.delete('user:default/mallory');
    expect(
      await reader.read(cartRef, mockCredentials.user('user:default/mallory')),
    ).toEqual(cart);
  });

  it('reads anew when asked for the entity as it is now, and after a failure', async () => {
    const { reader, getEntityByRef } = setUp();
    const alice = mockCredentials.user('user:default/alice');
    await reader.read(cartRef, alice);
    await reader.read(cartRef, alice, { fresh: true });
    expect(getEntityByRef).toHaveBeenCalledTimes(2);

    const broken = mockCredentials.user('user:default/broken');
    await expect(reader.read(cartRef, broken)).rejects.toThrow('catalog down');
    await expect(reader.read(cartRef, broken)).rejects.toThrow('catalog down');
    expect(getEntityByRef).toHaveBeenCalledTimes(4);
  });

  it('keeps at most its limit of reads, dropping the oldest', async () => {
    const { reader, getEntityByRef } = setUp();
    const users = ['a', 'b', 'c'].map(u =>
      mockCredentials.user(`user:default/${u}`),
    );
    for (const user of users) await reader.read(cartRef, user);
    await reader.read(cartRef, users[2]);
    expect(getEntityByRef).toHaveBeenCalledTimes(3);
    await reader.read(cartRef, users[0]);
    expect(getEntityByRef).toHaveBeenCalledTimes(4);
  });
});
