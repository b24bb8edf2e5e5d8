import { Entity } from '@backstage/catalog-model';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** catalog-info.yaml of a service that fails the catalog checks, with comments. */
export const CART_CATALOG_INFO = [
  '# The cart service, as the catalog knows it.',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: cart # keep in step with the Deployment',
  '  annotations:',
  '    # Read from this repository by the local catalog.',
  '    backstage.io/source-location: dir:.',
  '    opsready.io/health-url: http://127.0.0.1:8080/healthz',
  'spec:',
  '  type: service',
  '  # Who answers for it:',
  '  owner: group:default/payments',
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: API',
  'metadata: { name: cart-api }',
  'spec: { type: openapi, lifecycle: production, owner: group:default/payments, definition: "openapi: 3.0.3" }',
  '',
].join('\n');

export const CART_FILES: Record<string, string> = {
  'catalog-info.yaml': CART_CATALOG_INFO,
  'README.md': '# cart\n\nThe cart.\n',
  'mkdocs.yml': 'site_name: cart\n',
  'docs/index.md': '# cart\n',
  'src/index.ts': 'export {};\n',
};

/** The entity the catalog holds for a repository made by `makeLocalRepository`. */
export function cartEntity(
  repository: string,
  overrides: Partial<Entity['spec']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'cart',
      namespace: 'default',
      description: 'Holds what a shopper is about to buy.',
      annotations: {
        'backstage.io/managed-by-location': `file:${join(
          repository,
          'catalog-info.yaml',
        )}`,
        'backstage.io/source-location': 'dir:.',
        'opsready.io/health-url': 'http://127.0.0.1:8080/healthz',
      },
      links: [{ url: 'https://wiki.example.com/cart', title: 'Wiki' }],
    },
    spec: {
      type: 'service',
      owner: 'group:default/payments',
      system: 'system:default/checkout',
      lifecycle: 'production',
      ...overrides,
    },
  };
}

/** A git repository with one commit of `files` on main, as publish:local makes. */
export async function makeLocalRepository(
  dir: string,
  files: Record<string, string> = CART_FILES,
): Promise<string> {
  for (const [path, text] of Object.entries(files)) {
    fs.mkdirSync(dirname(join(dir, path)), { recursive: true });
    fs.writeFileSync(join(dir, path), text);
  }
  await git.init({ fs, dir, defaultBranch: 'main' });
  await git.add({ fs, dir, filepath: '.' });
  return git.commit({
    fs,
    dir,
    message: 'Initial commit\n',
    author: { name: 'Test', email: 'test@example.com' },
  });
}

export const fileUrl = (path: string) => pathToFileURL(path).toString();
