import { mockServices } from '@backstage/backend-test-utils';
import { KnownEntities } from './catalogMembership';

const CART = 'component:default/cartservice';
const NEW = 'component:default/brand-new';

function catalogWith(refs: Set<string>) {
  return {
    getEntitiesByRefs: jest.fn(async ({ entityRefs }: any) => ({
      items: entityRefs.map((ref: string) =>
        refs.has(ref) ? { kind: 'Component' } : undefined,
      ),
    })),
  };
}

describe('KnownEntities', () => {
  it('asks the catalog once for an entity it has, then trusts that for a minute', async () => {
    const catalog = catalogWith(new Set([CART]));
    let now = 0;
    const known = new KnownEntities(
      { catalog: catalog as any, auth: mockServices.auth() },
      () => now,
    );

    expect(await known.inCatalog([CART])).toEqual(new Set([CART]));
    now = 59_000;
    expect(await known.inCatalog([CART])).toEqual(new Set([CART]));
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);

    now = 61_000;
    expect(await known.inCatalog([CART])).toEqual(new Set([CART]));
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('asks again for an entity it did not have, so one registered since is taken at once', async () => {
    const inCatalog = new Set([CART]);
    const catalog = catalogWith(inCatalog);
    const known = new KnownEntities({
      catalog: catalog as any,
      auth: mockServices.auth(),
    });

    expect(await known.inCatalog([CART, NEW])).toEqual(new Set([CART]));
    inCatalog.add(NEW);
    expect(await known.inCatalog([CART, NEW])).toEqual(new Set([CART, NEW]));
    // Only the ref not known yet was asked for the second time.
    expect(catalog.getEntitiesByRefs.mock.calls[1][0].entityRefs).toEqual([
      NEW,
    ]);
  });

  it('answers 503 when the catalog cannot be asked', async () => {
    const known = new KnownEntities({
      catalog: {
        getEntitiesByRefs: jest.fn().mockRejectedValue(new Error('ECONNRESET')),
      } as any,
      auth: mockServices.auth(),
    });
    await expect(known.inCatalog([CART])).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'Could not ask the catalog whether the entities exist: ECONNRESET',
    });
  });
});
