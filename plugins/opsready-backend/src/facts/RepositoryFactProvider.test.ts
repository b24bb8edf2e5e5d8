import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RepositoryFactProvider,
  repositorySourceOf,
} from './RepositoryFactProvider';

function entityWith(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'cartservice', namespace: 'default', annotations },
    spec: {},
  };
}

describe('repositorySourceOf', () => {
  it('reads url: source locations through the UrlReader', () => {
    expect(
      repositorySourceOf(
        entityWith({
          'backstage.io/source-location':
            'url:https://github.com/acme/cart/tree/main/',
        }),
      ),
    ).toEqual({ type: 'url', url: 'https://github.com/acme/cart/tree/main/' });
  });

  it('resolves dir: relative to the file location that holds the entity', () => {
    expect(
      repositorySourceOf(
        entityWith({
          'backstage.io/source-location': 'dir:./services/cart',
          'backstage.io/managed-by-location':
            'file:/srv/catalog/catalog-info.yaml',
        }),
      ),
    ).toEqual({ type: 'dir', path: '/srv/catalog/services/cart' });
  });

  it('refuses a dir: that climbs out of its location, or that a URL location declares', () => {
    expect(
      repositorySourceOf(
        entityWith({
          'backstage.io/source-location': 'dir:../../etc',
          'backstage.io/managed-by-location':
            'file:/srv/catalog/catalog-info.yaml',
        }),
      ),
    ).toBeUndefined();
    expect(
      repositorySourceOf(
        entityWith({
          'backstage.io/source-location': 'dir:.',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/cart/blob/main/catalog-info.yaml',
        }),
      ),
    ).toBeUndefined();
    expect(repositorySourceOf(entityWith({}))).toBeUndefined();
  });
});

describe('RepositoryFactProvider', () => {
  it('reads a local repository for a dir: source location', async () => {
    const root = await fs.mkdtemp(join(tmpdir(), 'opsready-provider-'));
    try {
      await fs.writeFile(join(root, 'catalog-info.yaml'), 'kind: Component\n');
      await fs.writeFile(join(root, 'Dockerfile'), 'FROM node:22\nUSER node\n');
      const entity = entityWith({
        'backstage.io/source-location': 'dir:.',
        'backstage.io/managed-by-location': `file:${join(
          root,
          'catalog-info.yaml',
        )}`,
      });
      const provider = new RepositoryFactProvider({
        sources: { factsFor: async () => new Map() },
        logger: mockServices.logger.mock(),
      });
      const facts = await provider.gather([entity]);
      expect(facts.get('component:default/cartservice')?.repository).toEqual({
        paths: ['Dockerfile', 'catalog-info.yaml'],
        files: {
          Dockerfile: 'FROM node:22\nUSER node\n',
          'catalog-info.yaml': 'kind: Component\n',
        },
      });
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it('takes URL sources from the kept repository facts, with their manifests as declared workloads', async () => {
    const factsFor = jest.fn(
      async () =>
        new Map([
          [
            'component:default/cartservice',
            {
              paths: ['k8s/deployment.yaml'],
              files: {
                'k8s/deployment.yaml':
                  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart\n',
              },
            },
          ],
        ]),
    );
    const provider = new RepositoryFactProvider({
      sources: { factsFor },
      logger: mockServices.logger.mock(),
    });
    const facts = await provider.gather(
      [
        entityWith({
          'backstage.io/source-location':
            'url:https://github.com/acme/cart/tree/main/',
        }),
      ],
      { fresh: true },
    );
    expect(factsFor).toHaveBeenCalledWith(
      [
        {
          entityRef: 'component:default/cartservice',
          url: 'https://github.com/acme/cart/tree/main/',
        },
      ],
      { fresh: true },
    );
    const cart = facts.get('component:default/cartservice');
    expect(cart?.repository?.paths).toEqual(['k8s/deployment.yaml']);
    expect(cart?.kubernetes?.declared).toEqual([
      expect.objectContaining({ kind: 'Deployment' }),
    ]);
  });

  it('leaves out a local repository it cannot read, saying why in the log', async () => {
    const logger = mockServices.logger.mock();
    const provider = new RepositoryFactProvider({
      sources: { factsFor: async () => new Map() },
      logger,
    });
    const facts = await provider.gather([
      entityWith({
        'backstage.io/source-location': 'dir:./gone',
        'backstage.io/managed-by-location': `file:${join(
          tmpdir(),
          'opsready-nowhere',
          'catalog-info.yaml',
        )}`,
      }),
    ]);
    expect(facts.size).toBe(0);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not read the repository of component:default/cartservice at',
      ),
    );
  });
});
