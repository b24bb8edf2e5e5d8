import { mockServices } from '@backstage/backend-test-utils';
import { RepositoryRefresh } from './RepositoryRefresh';
import { RepositoryPushes } from './RepositoryPushes';
import { RepositorySweep } from './RepositorySweep';

const repo = (name: string, ref = 'main') => ({
  url: `https://github.com/acme/${name}/tree/${ref}`,
  host: 'github.com',
  repository: `acme/${name}`,
  ref,
});

/** Sources where `changed` repositories changed and the rest did not. */
function parts(changed: string[], deferred: string[] = []) {
  const sources = {
    refresh: jest.fn(async (repositories: Array<{ url: string }>) => ({
      changed: repositories.map(r => r.url).filter(u => changed.includes(u)),
      unchanged: repositories
        .map(r => r.url)
        .filter(u => !changed.includes(u) && !deferred.includes(u)),
      deferred: repositories.map(r => r.url).filter(u => deferred.includes(u)),
      failed: [],
    })),
  };
  const store = {
    entitiesOfRepositories: jest.fn(
      async (urls: string[]) =>
        new Map(
          urls.map(url => [
            url,
            [
              `component:default/${url.split('/')[4]}-a`,
              `component:default/${url.split('/')[4]}-b`,
            ],
          ]),
        ),
    ),
  };
  const evaluations = {
    evaluateEntityRefs: jest.fn(async (refs: string[]) => refs.length),
  };
  const refresh = new RepositoryRefresh({
    sources,
    store,
    evaluations,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });
  return { sources, store, evaluations, refresh };
}

describe('RepositorySweep', () => {
  it('evaluates again the components of the repositories that changed, and only those', async () => {
    const { evaluations, refresh } = parts([repo('cart').url]);
    const logger = mockServices.logger.mock();
    const sweep = new RepositorySweep({
      store: {
        listRepositoriesToCheck: async () => [repo('cart'), repo('pay')],
      },
      refresh,
      scheduler: mockServices.scheduler.mock(),
      logger,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 30 } },
      sweepWithinMs: 60_000,
    });
    const report = await sweep.run();
    expect(report).toMatchObject({
      checked: 2,
      changed: [repo('cart').url],
      unchanged: [repo('pay').url],
      reevaluated: 2,
    });
    expect(evaluations.evaluateEntityRefs).toHaveBeenCalledWith(
      ['component:default/cart-a', 'component:default/cart-b'],
      expect.anything(),
    );
  });

  it('reports what its budget deferred, by name', async () => {
    const { refresh } = parts([], [repo('pay').url]);
    const logger = mockServices.logger.mock();
    const report = await new RepositorySweep({
      store: {
        listRepositoriesToCheck: async () => [repo('cart'), repo('pay')],
      },
      refresh,
      scheduler: mockServices.scheduler.mock(),
      logger,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 30 } },
      sweepWithinMs: 60_000,
    }).run();
    expect(report.deferred).toEqual([repo('pay').url]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `deferred 1 repositories to the next sweep, their request budgets spent; they keep their last facts. First deferred: ${
          repo('pay').url
        }`,
      ),
    );
  });

  it('evaluates the changes of a long sweep as it goes, not at its end', async () => {
    const many = Array.from({ length: 120 }, (_, i) => repo(`r${i}`));
    const { evaluations, refresh, sources } = parts(many.map(r => r.url));
    await refresh.run(many, { waitUntil: Date.now() });
    expect(sources.refresh).toHaveBeenCalledTimes(3);
    expect(evaluations.evaluateEntityRefs).toHaveBeenCalledTimes(3);
  });
});

describe('RepositoryPushes', () => {
  it('re-reads the repository at the pushed branch, and the default branch for URLs naming none', async () => {
    const { sources, refresh } = parts([repo('cart').url]);
    const pushes = new RepositoryPushes({
      store: {
        findRepositories: async () => [
          repo('cart'),
          repo('cart', 'release'),
          repo('cart', ''),
        ],
      },
      refresh,
      logger: mockServices.logger.mock(),
    });
    const refreshing = await pushes.accept({
      host: 'github.com',
      repository: 'acme/cart',
      branch: 'main',
      defaultBranch: 'main',
    });
    await pushes.settled();
    expect(refreshing).toEqual([repo('cart').url, repo('cart', '').url]);
    expect(sources.refresh).toHaveBeenCalledWith(
      [repo('cart'), repo('cart', '')],
      expect.objectContaining({ waitUntil: expect.any(Number) }),
    );
  });

  it('does nothing for a branch no component is read from', async () => {
    const { sources, refresh } = parts([]);
    const pushes = new RepositoryPushes({
      store: { findRepositories: async () => [repo('cart')] },
      refresh,
      logger: mockServices.logger.mock(),
    });
    expect(
      await pushes.accept({
        host: 'github.com',
        repository: 'acme/cart',
        branch: 'feature/x',
        defaultBranch: 'main',
      }),
    ).toEqual([]);
    expect(sources.refresh).not.toHaveBeenCalled();
  });
});
