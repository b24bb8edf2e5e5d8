import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import { join } from 'node:path';
import { TIER_PRESETS } from '../manifests/tierPresets';
import {
  CART_CATALOG_INFO,
  CART_FILES,
  cartEntity,
} from './__testUtils__/fixRepository';
import { catalogFixers } from './catalog';
import { MemoryFiles } from './memoryFiles';
import { repositoryFixers } from './repository';
import { CheckFixer, FixContext, FixValues } from './types';
import { unifiedDiff } from './unifiedDiff';

const fixers = new Map<string, CheckFixer>(
  [...repositoryFixers, ...catalogFixers].map(f => [f.checkId, f]),
);

function context(values: FixValues = {}, spec = {}): FixContext {
  return {
    entity: cartEntity('/repos/cart', spec),
    tier: 'standard',
    preset: TIER_PRESETS.standard,
    productionLifecycles: ['production'],
    runningDigests: {},
    values,
  };
}

async function fix(
  checkId: string,
  options: {
    files?: Record<string, string>;
    values?: FixValues;
    spec?: object;
  } = {},
) {
  const files = new MemoryFiles(options.files ?? CART_FILES);
  const outcome = await fixers
    .get(checkId)!
    .apply(files, context(options.values, options.spec));
  const diff = unifiedDiff(
    files.changedPaths().map(path => ({
      path,
      before: files.originalText(path),
      after: files.read(path)!,
    })),
  );
  return { outcome, diff, files };
}

/**
 * The committed diff a fixer must produce, byte for byte. After a deliberate
 * change, rewrite them with UPDATE_GOLDEN=1 and review the diffs.
 */
function golden(name: string, actual: string): string {
  const path = join(__dirname, '__golden__', `${name}.diff`);
  if (process.env.UPDATE_GOLDEN && !process.env.CI) {
    fs.writeFileSync(path, actual);
  }
  return fs.readFileSync(path, 'utf8');
}

describe('the repository and catalog fixers', () => {
  it.each([
    ['repository.codeowners', {}],
    ['repository.readme', {}],
    [
      'catalog.description',
      { values: { description: 'Holds what a shopper is about to buy.' } },
    ],
    ['catalog.system', { values: { system: 'system:default/checkout' } }],
    ['catalog.lifecycle', { values: { lifecycle: 'production' } }],
    ['catalog.docs', {}],
  ] as const)(
    '%s makes the golden change, keeping comments',
    async (checkId, options) => {
      const { outcome, diff } = await fix(checkId, options);
      expect(outcome.refused).toBeUndefined();
      expect(outcome.changes).toHaveLength(1);
      expect(diff).toBe(golden(checkId, diff));
    },
  );

  it('catalog.owner writes the group ref in full, and refuses a user', async () => {
    const { outcome, files } = await fix('catalog.owner', {
      values: { owner: 'platform' },
    });
    expect(outcome.changes).toEqual([
      'Changed spec.owner of cart in catalog-info.yaml to group:default/platform (was group:default/payments).',
    ]);
    expect(files.read('catalog-info.yaml')).toContain(
      '  # Who answers for it:\n  owner: group:default/platform\n',
    );
    const user = await fix('catalog.owner', {
      values: { owner: 'user:default/jo' },
    });
    expect(user.outcome.refused).toBe(
      "the owner 'user:default/jo' is a user, not a group; a team owns a service",
    );
  });

  it('catalog fixers refuse, naming the value, when it is not given', async () => {
    for (const [checkId, value] of [
      ['catalog.owner', 'owner'],
      ['catalog.description', 'description'],
      ['catalog.system', 'system'],
      ['catalog.lifecycle', 'lifecycle'],
    ]) {
      const { outcome, files } = await fix(checkId);
      expect(outcome.refused).toContain(`(the value '${value}')`);
      expect(files.changedPaths()).toEqual([]);
    }
  });

  it('catalog.docs refuses without an MkDocs site', async () => {
    const { 'mkdocs.yml': _, ...files } = CART_FILES;
    const { outcome } = await fix('catalog.docs', { files });
    expect(outcome.refused).toMatch(
      /^the repository has no mkdocs.yml or mkdocs.yaml/,
    );
  });

  it('names the file and line of a catalog-info.yaml that does not parse', async () => {
    const broken = CART_CATALOG_INFO.replace(
      '  type: service',
      '  type: [service',
    );
    await expect(
      fix('catalog.system', {
        files: { ...CART_FILES, 'catalog-info.yaml': broken },
        values: { system: 'checkout' },
      }),
    ).rejects.toThrow(InputError);
    await expect(
      fix('catalog.system', {
        files: { ...CART_FILES, 'catalog-info.yaml': broken },
        values: { system: 'checkout' },
      }),
    ).rejects.toThrow(/^catalog-info.yaml line 1[0-9] is not valid YAML/);
  });

  it('repository.codeowners refuses without an owner, and leaves a file with a rule alone', async () => {
    const ownerless = await fix('repository.codeowners', {
      spec: { owner: undefined },
    });
    expect(ownerless.outcome.refused).toContain('has no owner in the catalog');
    const ruled = await fix('repository.codeowners', {
      files: { ...CART_FILES, '.github/CODEOWNERS': '* @payments\n' },
    });
    expect(ruled.outcome).toEqual({ changes: [] });
  });

  it('repository.readme never replaces a README that says enough', async () => {
    const long = `# cart\n\n${'It holds the basket. '.repeat(12)}\n`;
    const { outcome, files } = await fix('repository.readme', {
      files: { ...CART_FILES, 'README.md': long },
    });
    expect(outcome).toEqual({ changes: [] });
    expect(files.read('README.md')).toBe(long);
  });
});
