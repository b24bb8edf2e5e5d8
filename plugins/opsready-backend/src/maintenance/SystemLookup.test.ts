import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { SystemLookup } from './SystemLookup';

const entity = (spec: Entity['spec']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cartservice', namespace: 'retail' },
  spec,
});

function lookupOver(answer: () => Promise<Entity | undefined>) {
  let now = 0;
  const getEntityByRef = jest.fn(answer);
  const logger = mockServices.logger.mock();
  const lookup = new SystemLookup({
    catalog: { getEntityByRef },
    auth: mockServices.auth(),
    logger,
    ttlMs: 60_000,
    now: () => now,
  });
  return {
    lookup,
    getEntityByRef,
    logger,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('SystemLookup', () => {
  const ref = 'component:retail/cartservice';

  it("reads a short system name in the entity's namespace, and a full ref as it is", async () => {
    const short = lookupOver(async () => entity({ system: 'Shop' }));
    expect(await short.lookup.systemOf(ref)).toBe('system:retail/shop');
    const full = lookupOver(async () =>
      entity({ system: 'system:default/shop' }),
    );
    expect(await full.lookup.systemOf(ref)).toBe('system:default/shop');
    const none = lookupOver(async () => entity({}));
    expect(await none.lookup.systemOf(ref)).toBeUndefined();
  });

  it('asks the catalog again only once the answer is a minute old', async () => {
    const { lookup, getEntityByRef, advance } = lookupOver(async () =>
      entity({ system: 'shop' }),
    );
    await lookup.systemOf(ref);
    advance(59_000);
    await lookup.systemOf(ref);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    advance(2_000);
    await lookup.systemOf(ref);
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('answers no system when the catalog fails, says so, and asks again next time', async () => {
    const { lookup, getEntityByRef, logger } = lookupOver(async () => {
      throw new Error('catalog unavailable');
    });
    expect(await lookup.systemOf(ref)).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('catalog unavailable'),
    );
    await lookup.systemOf(ref);
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
  });
});
