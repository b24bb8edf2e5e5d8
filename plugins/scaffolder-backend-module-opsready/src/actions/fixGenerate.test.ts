import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import { join } from 'node:path';
import {
  capturingLogger,
  declarativeChecksOf,
  paymentsTeam,
} from '../__testUtils__/testContext';
import {
  CART_FILES,
  cartEntity,
  makeLocalRepository,
} from '../fixes/__testUtils__/fixRepository';
import { createFixGenerateAction } from './fixGenerate';

describe('opsready:fix:generate', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  const repositories = mockDir.resolve('repositories');
  const cartRepository = join(repositories, 'cart');

  beforeEach(async () => {
    mockDir.setContent({ workspace: {}, repositories: {}, elsewhere: {} });
    await makeLocalRepository(cartRepository);
  });

  async function run(
    input: Record<string, any>,
    options: { entities?: Entity[]; urlReader?: any } = {},
  ) {
    const { logger, text } = capturingLogger();
    const config = mockServices.rootConfig({
      data: {
        opsready: {
          scaffolder: { publishLocal: { directory: repositories } },
        },
      },
    });
    const action = createFixGenerateAction({
      catalog: catalogServiceMock({
        entities: options.entities ?? [
          cartEntity(cartRepository),
          paymentsTeam,
        ],
      }),
      config,
      urlReader: options.urlReader ?? mockServices.urlReader.mock(),
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      declarativeChecks: declarativeChecksOf(config),
    });
    const ctx = createMockActionContext({ input, workspacePath, logger });
    await action.handler(ctx as any);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    return { outputs, logText: text };
  }

  it('reads the repository into the workspace and writes the fix, with a diff and the proposal', async () => {
    const { outputs } = await run({
      entityRef: 'component:default/cart',
      checkIds: ['repository.codeowners', 'catalog.system'],
      values: { system: 'system:default/checkout' },
    });
    expect(outputs.changedFiles).toEqual([
      '.github/CODEOWNERS',
      'catalog-info.yaml',
    ]);
    expect(
      fs.readFileSync(join(workspacePath, '.github/CODEOWNERS'), 'utf8'),
    ).toBe('# The owning team reviews every change.\n* @payments\n');
    // The rest of the repository is there, as committed, for the checks.
    expect(fs.readFileSync(join(workspacePath, 'src/index.ts'), 'utf8')).toBe(
      CART_FILES['src/index.ts'],
    );
    expect(outputs.diff).toContain('+++ b/.github/CODEOWNERS');
    expect(outputs.diff).toContain('+  system: system:default/checkout');
    expect(outputs.baseline).toMatchObject({
      'repository.codeowners': 'fail',
      'catalog.system': 'fail',
    });
    expect(outputs.branchName).toBe('opsready/fix-codeowners-system');
    expect(outputs.title).toBe('Fix codeowners, system of cart');
    expect(outputs.description).toContain('- **repository.codeowners** (fail)');
    expect(outputs.publishVia).toBe('local');
    expect(outputs.localRepository).toBe('cart');
    // The repository itself is untouched.
    expect(fs.existsSync(join(cartRepository, '.github'))).toBe(false);
  });

  it('refuses an unknown check, an unfixable one, and an empty list', async () => {
    await expect(
      run({
        entityRef: 'component:default/cart',
        checkIds: ['repository.nope'],
      }),
    ).rejects.toThrow(
      /checkIds: 'repository.nope' cannot be fixed here; the fixable checks are kubernetes.probes/,
    );
    await expect(
      run({ entityRef: 'component:default/cart', checkIds: ['health.uptime'] }),
    ).rejects.toThrow("checkIds: 'health.uptime' cannot be fixed here");
    await expect(
      run({ entityRef: 'component:default/cart', checkIds: [] }),
    ).rejects.toThrow('checkIds must name at least one check to fix');
  });

  it('refuses an entity the catalog does not have', async () => {
    await expect(
      run({
        entityRef: 'component:default/basket',
        checkIds: ['repository.readme'],
      }),
    ).rejects.toThrow(
      'entityRef: component:default/basket is not in the catalog',
    );
  });

  it('refuses a dir: source outside the local repositories directory', async () => {
    const elsewhere = mockDir.resolve('elsewhere/cart');
    await makeLocalRepository(elsewhere);
    await expect(
      run(
        {
          entityRef: 'component:default/cart',
          checkIds: ['repository.readme'],
        },
        { entities: [cartEntity(elsewhere)] },
      ),
    ).rejects.toThrow(
      /is not a repository of the local repositories directory/,
    );
    expect(fs.readdirSync(workspacePath)).toEqual([]);
  });

  it("stops with the fixer's reason when it refuses, writing nothing", async () => {
    await expect(
      run({
        entityRef: 'component:default/cart',
        checkIds: ['repository.codeowners', 'catalog.owner'],
      }),
    ).rejects.toThrow(
      "catalog.owner cannot be fixed: no owning group was given (the value 'owner'), and it is not guessed",
    );
    expect(fs.existsSync(join(workspacePath, '.github/CODEOWNERS'))).toBe(
      false,
    );
  });

  it('refuses when nothing needs changing', async () => {
    await expect(
      run({
        entityRef: 'component:default/cart',
        checkIds: ['catalog.owner'],
        values: { owner: 'group:default/payments' },
      }),
    ).rejects.toThrow(
      /^checkIds: nothing to change for catalog.owner; catalog.owner is pass/,
    );
  });

  it('reads a url: source through the URL reader and targets GitHub', async () => {
    const urlReader = mockServices.urlReader.mock({
      readTree: async () =>
        ({
          files: async () =>
            Object.entries(CART_FILES).map(([path, text]) => ({
              path,
              content: async () => Buffer.from(text),
            })),
        } as any),
    });
    const entity = cartEntity(cartRepository);
    entity.metadata.annotations = {
      'backstage.io/source-location':
        'url:https://github.com/acme/cart/tree/main/',
    };
    const { outputs } = await run(
      {
        entityRef: 'component:default/cart',
        checkIds: ['repository.codeowners'],
      },
      { entities: [entity, paymentsTeam], urlReader },
    );
    expect(urlReader.readTree).toHaveBeenCalledWith(
      'https://github.com/acme/cart/tree/main/',
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
    expect(outputs).toMatchObject({
      publishVia: 'github',
      repoUrl: 'github.com?owner=acme&repo=cart',
      targetBranch: 'main',
      changedFiles: ['.github/CODEOWNERS'],
    });
  });
});
