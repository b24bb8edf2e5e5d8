import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writeGoldenWorkspace } from '../__testUtils__/goldenWorkspace';
import {
  capturingLogger,
  declarativeChecksOf,
  paymentsTeam,
  SECRET,
} from '../__testUtils__/testContext';
import { createVerifyComplianceAction } from './verifyCompliance';

describe('opsready:compliance:verify', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');

  beforeEach(async () => {
    mockDir.setContent({ workspace: {}, outside: {} });
    await writeGoldenWorkspace(workspacePath);
  });

  // A portal that reads a cluster (and probes, by default), as the local one.
  const withCluster = {
    kubernetes: { serviceLocatorMethod: { type: 'multiTenant' } },
  };

  async function run(
    input: Record<string, any> = {},
    config: object = withCluster,
  ) {
    const { logger, text } = capturingLogger();
    const ctx = createMockActionContext({
      input,
      workspacePath,
      logger,
      secrets: { token: SECRET },
    });
    const rootConfig = mockServices.rootConfig({ data: config });
    const action = createVerifyComplianceAction({
      catalog: catalogServiceMock({ entities: [paymentsTeam] }),
      config: rootConfig,
      declarativeChecks: declarativeChecksOf(rootConfig),
    });
    await action.handler(ctx as any);
    return { ctx, logText: text };
  }

  it('passes a golden repository at the top level, with no check failing', async () => {
    const { ctx } = await run();
    expect(ctx.output).toHaveBeenCalledWith('level', 'gold');
    expect(ctx.output).toHaveBeenCalledWith('minimumLevel', 'gold');
    expect(ctx.output).toHaveBeenCalledWith('score', 100);
    expect(ctx.output).toHaveBeenCalledWith('failingChecks', []);
  });

  it('holds what needs the running service pending, out of the score, and says until when', async () => {
    const { ctx } = await run();
    const pending = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'pendingChecks',
    )![1];
    expect(pending.map((c: { checkId: string }) => c.checkId)).toEqual([
      'health.uptime',
      'health.latency',
      'slo.budget-remaining',
      'kubernetes.drift',
    ]);
    const until = new Date(pending[0].pendingUntil).getTime();
    expect(until - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(until - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);
    expect(ctx.output).toHaveBeenCalledWith(
      'pendingSummary',
      expect.stringMatching(
        /^Pending, and out of the score until the first probe or deployment: Uptime target met, p95 latency within the SLO, Error budget remaining, No drift from the manifests\. The portal shows this score and level until their data arrives, or until \d{4}-\d{2}-\d{2}, when they count as unknown if none has\.$/,
      ),
    );
  });

  it('scores drift as the portal will without a cluster to read, unknown, and does not stop the run for it', async () => {
    const { ctx } = await run({}, {});
    expect(ctx.output).toHaveBeenCalledWith('level', 'gold');
    expect(ctx.output).toHaveBeenCalledWith('score', 98);
    expect(ctx.output).toHaveBeenCalledWith('failingChecks', [
      expect.objectContaining({
        checkId: 'kubernetes.drift',
        status: 'unknown',
      }),
    ]);
  });

  it('fails the run naming each failing check and why', async () => {
    await writeGoldenWorkspace(workspacePath, {
      Dockerfile: 'FROM node:latest\n',
    });
    await fs.rm(join(workspacePath, '.github/CODEOWNERS'));
    const failure = run();
    await expect(failure).rejects.toThrow(
      /refund-service would reach level gold with a score of \d+, but golden checks fail: repository.dockerfile \(Dockerfile: non-root user, pinned base images, fail\): Dockerfile: the final stage sets no USER, so it runs as the base image user, root for most images; base image node:latest is not pinned \(latest\); repository.codeowners \(CODEOWNERS, fail\): No CODEOWNERS file/,
    );
  });

  it('fails below the configured level even when failing checks are allowed', async () => {
    await writeGoldenWorkspace(workspacePath, {
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: bare }\nspec: { type: service }\n',
    });
    await expect(run({ allowFailingChecks: true })).rejects.toThrow(
      /bare would reach level (bronze|silver) with a score of \d+, below the required gold\. Failing checks: catalog.owner \(Owner set, fail\): No owner is set; catalog.description/,
    );
  });

  it('uses the levels from config, and refuses a level that is not one', async () => {
    const levels = {
      opsready: {
        scoring: {
          levels: [
            { name: 'ok', minScore: 50 },
            { name: 'great', minScore: 95 },
          ],
        },
      },
    };
    const { ctx } = await run({}, levels);
    expect(ctx.output).toHaveBeenCalledWith('level', 'great');
    await expect(run({ minimumLevel: 'gold' }, levels)).rejects.toThrow(
      "minimumLevel 'gold' is not a configured level; the levels are ok, great",
    );
  });

  it('leaves out disabled checks', async () => {
    await writeGoldenWorkspace(workspacePath, {
      Dockerfile: 'FROM node:latest\n',
    });
    const { ctx } = await run(
      {},
      {
        ...withCluster,
        opsready: { checks: { disabled: ['repository.dockerfile'] } },
      },
    );
    expect(ctx.output).toHaveBeenCalledWith('failingChecks', []);
  });

  it('scores with the per-check overrides the portal applies', async () => {
    // The only warning (catalog.dependencies) made heavy, so it shows.
    await writeGoldenWorkspace(workspacePath, {
      'catalog-info.yaml': (
        await fs.readFile(join(workspacePath, 'catalog-info.yaml'), 'utf8')
      ).replace('  dependsOn: [resource:default/refunds-db]\n', ''),
    });
    const { ctx } = await run(
      { minimumLevel: 'bronze' },
      {
        ...withCluster,
        opsready: {
          checks: {
            overrides: {
              'catalog.dependencies': { weight: 40 },
              'kubernetes.pdb': { appliesTo: { lifecycles: ['experimental'] } },
            },
          },
        },
      },
    );
    // The warning now weighs 40 and earns half of it: 75 of the score.
    expect(ctx.output).toHaveBeenCalledWith('score', 75);
    expect(ctx.output).toHaveBeenCalledWith('level', 'silver');
  });

  it('says what is missing when there is no catalog-info.yaml', async () => {
    await fs.rm(join(workspacePath, 'catalog-info.yaml'));
    await expect(run()).rejects.toThrow(
      'catalog-info.yaml does not exist in the workspace; render the skeleton (fetch:template) before verifying',
    );
  });

  it('refuses paths outside the workspace', async () => {
    await expect(
      run({ catalogInfoPath: '../catalog-info.yaml' }),
    ).rejects.toThrow(
      "catalogInfoPath '../catalog-info.yaml' is outside the directory it must stay in",
    );
    await expect(run({ sourcePath: '../outside' })).rejects.toThrow(
      "sourcePath '../outside' is outside the directory",
    );
  });

  it('refuses a catalog-info.yaml that is a symbolic link', async () => {
    await fs.writeFile(
      mockDir.resolve('outside/catalog-info.yaml'),
      'kind: Component\nmetadata: { name: elsewhere }\n',
    );
    await fs.rm(join(workspacePath, 'catalog-info.yaml'));
    await fs.symlink(
      mockDir.resolve('outside/catalog-info.yaml'),
      join(workspacePath, 'catalog-info.yaml'),
    );
    await expect(run()).rejects.toThrow(
      "catalogInfoPath 'catalog-info.yaml' goes through the symbolic link 'catalog-info.yaml'",
    );
  });

  it('never logs a secret of the task', async () => {
    await writeGoldenWorkspace(workspacePath, { 'README.md': '# short\n' });
    const { logText } = await run();
    expect(logText()).toContain('refund-service reaches level gold');
    expect(logText()).not.toContain(SECRET);
  });
});
