import { CatalogClient } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { locationSpecToMetadataName } from '@backstage/plugin-catalog-node';
import { expect } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/*
 * Services the tests write into the directory of repositories the
 * end-to-end portal's catalog reads (e2e/app-config.e2e.yaml), and the
 * catalog told to read them again, as CI would after a push.
 */

const ROOT = resolve(__dirname, '..');
const REPOSITORIES = resolve(ROOT, '.data/e2e-repositories');
const BACKEND = process.env.OPSREADY_E2E_BACKEND_URL ?? 'http://localhost:7008';
// The demo's service token (app-config.demo.yaml), allowed the catalog.
const TOKEN = 'demo-fleet-seeder-token';

const catalog = new CatalogClient({
  discoveryApi: { getBaseUrl: async plugin => `${BACKEND}/api/${plugin}` },
  fetchApi: {
    fetch: (input, init) =>
      fetch(input, {
        ...init,
        headers: { ...init?.headers, Authorization: `Bearer ${TOKEN}` },
        signal: AbortSignal.timeout(15_000),
      }),
  },
});

/**
 * The ref of the glob location covering the repositories: computed as the
 * catalog names it, since a glob that matched nothing at start-up is not
 * listed as an entity, yet it can be refreshed.
 */
const repositoriesLocationRef = `location:default/${locationSpecToMetadataName({
  type: 'file',
  target: resolve(REPOSITORIES, '*/catalog-info.yaml'),
})}`;

/**
 * Writes the entity as its repository's catalog-info.yaml and waits until
 * the catalog has it as written (`shows` says what to wait for).
 */
export async function publishEntity(
  entity: Entity,
  shows: (stored: Entity) => boolean = () => true,
) {
  const file = resolve(REPOSITORIES, entity.metadata.name, 'catalog-info.yaml');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(entity, null, 2));
  const ref = stringifyEntityRef(entity);
  await expect(async () => {
    await catalog.refreshEntity(repositoriesLocationRef);
    const stored = await catalog.getEntityByRef(ref);
    if (stored) await catalog.refreshEntity(ref);
    expect(stored && shows(stored)).toBe(true);
  }).toPass({ timeout: 120_000, intervals: [2_000, 5_000] });
}
