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
        urlReader: mockServices.urlReader.mock(),
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

  it('reads a remote tree, skipping dependency folders and reading only files checks need', async () => {
    const file = (path: string, text: string) => ({
      path,
      content: async () => Buffer.from(text),
    });
    const urlReader = mockServices.urlReader.mock({
      readTree: jest.fn(async (_url, options) => {
        const all = [
          file('Dockerfile', 'FROM node:22\n'),
          file('src/index.ts', 'export {}'),
          file('node_modules/x/package.json', '{}'),
        ];
        return {
          files: async () => all.filter(f => options?.filter?.(f.path) ?? true),
          archive: jest.fn(),
          dir: jest.fn(),
          etag: 'e',
        } as any;
      }),
    });
    const provider = new RepositoryFactProvider({
      urlReader,
      logger: mockServices.logger.mock(),
    });
    const facts = await provider.gather([
      entityWith({
        'backstage.io/source-location':
          'url:https://github.com/acme/cart/tree/main/',
      }),
    ]);
    expect(facts.get('component:default/cartservice')?.repository).toEqual({
      paths: ['Dockerfile', 'src/index.ts'],
      files: { Dockerfile: 'FROM node:22\n' },
    });
    expect(urlReader.readTree).toHaveBeenCalledWith(
      'https://github.com/acme/cart/tree/main/',
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
  });

  it('leaves out a repository it cannot read, saying why in the log', async () => {
    const logger = mockServices.logger.mock();
    const provider = new RepositoryFactProvider({
      urlReader: mockServices.urlReader.mock({
        readTree: jest.fn().mockRejectedValue(new Error('404 Not Found')),
      }),
      logger,
    });
    const facts = await provider.gather([
      entityWith({
        'backstage.io/source-location':
          'url:https://github.com/acme/gone/tree/main/',
      }),
    ]);
    expect(facts.size).toBe(0);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not read the repository of component:default/cartservice at https://github.com/acme/gone/tree/main/: Error: 404 Not Found',
    );
  });
});
