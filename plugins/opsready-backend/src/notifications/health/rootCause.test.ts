import { findRootCause } from './rootCause';

function graphOf(edges: Record<string, string[]>, down: string[]) {
  const downSet = new Set(down);
  return {
    dependsOn: (ref: string) => edges[ref] ?? [],
    isDown: (ref: string) => downSet.has(ref),
  };
}

describe('findRootCause', () => {
  it('is the entity itself when none of its dependencies is down', () => {
    const graph = graphOf({ cart: ['redis'] }, ['cart']);
    expect(findRootCause('cart', graph)).toBe('cart');
  });

  it('follows dependsOn to the deepest dependency that is down', () => {
    const graph = graphOf(
      { frontend: ['cart'], cart: ['redis'], redis: ['disk'] },
      ['frontend', 'cart', 'redis'],
    );
    expect(findRootCause('frontend', graph)).toBe('redis');
  });

  it('skips dependencies that are up on the way to one that is down', () => {
    const graph = graphOf({ frontend: ['cart'], cart: ['redis'] }, [
      'frontend',
      'redis',
    ]);
    expect(findRootCause('frontend', graph)).toBe('redis');
  });

  it('ends on a cycle of up entities instead of looping', () => {
    const graph = graphOf({ a: ['b'], b: ['c'], c: ['a'] }, ['a']);
    expect(findRootCause('a', graph)).toBe('a');
  });

  it('names one root for every member of a cycle that is all down', () => {
    const graph = graphOf({ a: ['b'], b: ['c'], c: ['a'], web: ['b'] }, [
      'a',
      'b',
      'c',
      'web',
    ]);
    expect(findRootCause('a', graph)).toBe('a');
    expect(findRootCause('b', graph)).toBe('a');
    expect(findRootCause('c', graph)).toBe('a');
    expect(findRootCause('web', graph)).toBe('a');
  });

  it('walks a self-dependency and a large graph in bounded time', () => {
    const edges: Record<string, string[]> = { self: ['self'] };
    // A long chain, n0 -> n1 -> ... -> n4999.
    for (let i = 0; i < 4999; i++) edges[`n${i}`] = [`n${i + 1}`];
    expect(findRootCause('self', graphOf(edges, ['self']))).toBe('self');
    expect(findRootCause('n0', graphOf(edges, ['n0', 'n4999']))).toBe('n4999');
  });

  it('prefers the nearest down dependency, the same whatever the order', () => {
    const graph = graphOf({ web: ['z-db', 'a-cache'], 'a-cache': ['z-db'] }, [
      'web',
      'z-db',
      'a-cache',
    ]);
    expect(findRootCause('web', graph)).toBe('z-db');
  });
});
