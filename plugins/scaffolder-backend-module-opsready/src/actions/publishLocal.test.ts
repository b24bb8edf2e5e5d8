import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { locationSpecToMetadataName } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { capturingLogger, SECRET } from '../__testUtils__/testContext';
import { createPublishLocalAction } from './publishLocal';

describe('opsready:publish:local', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  const repositories = mockDir.resolve('repositories');
  let catalog: ReturnType<typeof catalogServiceMock.mock>;

  beforeEach(() => {
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml':
          'kind: Component\nmetadata: { name: refund-service }\n',
        'README.md': '# refund-service\n',
        src: { 'index.ts': 'export {};\n' },
        node_modules: { 'left-pad': { 'index.js': '' } },
        '.gitignore': 'node_modules/\n',
      },
      outside: { 'secret.txt': SECRET },
    });
    catalog = catalogServiceMock.mock();
  });

  async function run(
    input: Record<string, any>,
    extra: { isDryRun?: boolean; locations?: object[] } = {},
  ) {
    const { logger, text } = capturingLogger();
    const action = createPublishLocalAction({
      config: mockServices.rootConfig({
        data: {
          opsready: {
            scaffolder: { publishLocal: { directory: repositories } },
          },
          catalog: {
            locations: extra.locations ?? [
              { type: 'file', target: '../catalog-info.yaml' },
              {
                type: 'file',
                target: `${repositories}/*/catalog-info.yaml`,
              },
            ],
          },
        },
      }),
      catalog,
      auth: mockServices.auth(),
    });
    const ctx = createMockActionContext({
      input,
      workspacePath,
      logger,
      secrets: { token: SECRET },
    });
    // The mock context leaves isDryRun out; the scaffolder sets it.
    await action.handler({ ...ctx, isDryRun: extra.isDryRun } as any);
    return { ctx, logText: text };
  }

  it('publishes the workspace as a git repository with one commit, and tells the catalog', async () => {
    const { ctx } = await run({ repoName: 'refund-service' });
    const dir = join(repositories, 'refund-service');
    const commits = await git.log({ fs, dir });
    expect(commits).toHaveLength(1);
    expect(commits[0].commit.message).toBe(
      'Initial commit from an OpsReady golden template\n',
    );
    expect(await git.currentBranch({ fs, dir })).toBe('main');
    const tracked = await git.listFiles({ fs, dir });
    expect(tracked.sort()).toEqual([
      '.gitignore',
      'README.md',
      'catalog-info.yaml',
      'src/index.ts',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('remoteUrl', `file://${dir}`);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      `file://${dir}/catalog-info.yaml`,
    );
    expect(ctx.output).toHaveBeenCalledWith('commitHash', commits[0].oid);
    // The location over the repositories, named as the catalog names
    // config locations; not the other one.
    expect(catalog.refreshEntity).toHaveBeenCalledTimes(1);
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      `location:default/${locationSpecToMetadataName({
        type: 'file',
        target: `${repositories}/*/catalog-info.yaml`,
      })}`,
      expect.anything(),
    );
  });

  it('says how to make the catalog find the repository when no location covers it', async () => {
    const { logText } = await run(
      { repoName: 'refund-service' },
      { locations: [{ type: 'file', target: '../catalog-info.yaml' }] },
    );
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
    expect(logText()).toContain(
      `No catalog location covers ${repositories}; add a file location such as ${repositories}/*/catalog-info.yaml`,
    );
  });

  it('never overwrites a repository that exists', async () => {
    await run({ repoName: 'refund-service' });
    await expect(run({ repoName: 'refund-service' })).rejects.toThrow(
      /A repository named refund-service already exists at .*; choose another name/,
    );
  });

  it('writes nothing in a dry run, but says where it would', async () => {
    const { ctx } = await run(
      { repoName: 'refund-service' },
      { isDryRun: true },
    );
    expect(fs.existsSync(repositories)).toBe(false);
    expect(ctx.output).toHaveBeenCalledWith(
      'repositoryPath',
      join(repositories, 'refund-service'),
    );
  });

  it('refuses a name or a source path that leaves its directory', async () => {
    await expect(run({ repoName: '../escape' })).rejects.toThrow(
      "repoName cannot be used: '../escape' is not a DNS-1123 label",
    );
    await expect(
      run({ repoName: 'refund-service', sourcePath: '../outside' }),
    ).rejects.toThrow("sourcePath '../outside' is outside the directory");
    expect(fs.existsSync(repositories)).toBe(false);
  });

  it('refuses a workspace holding a symbolic link', async () => {
    fs.symlinkSync(
      mockDir.resolve('outside/secret.txt'),
      join(workspacePath, 'src/config.txt'),
    );
    await expect(run({ repoName: 'refund-service' })).rejects.toThrow(
      'The workspace holds symbolic links, which are never published: src/config.txt',
    );
    expect(fs.existsSync(join(repositories, 'refund-service'))).toBe(false);
  });

  it('never logs a secret of the task', async () => {
    const { logText } = await run({ repoName: 'refund-service' });
    expect(logText()).toContain('Published refund-service');
    expect(logText()).not.toContain(SECRET);
  });

  describe('with a branch', () => {
    const dir = () => join(repositories, 'refund-service');

    async function existingRepository() {
      await run({ repoName: 'refund-service' });
      // The fix: a changed README and a new file in the workspace.
      fs.writeFileSync(
        join(workspacePath, 'README.md'),
        '# refund-service\n\nRefunds.\n',
      );
      fs.mkdirSync(join(workspacePath, '.github'));
      fs.writeFileSync(
        join(workspacePath, '.github/CODEOWNERS'),
        '* @payments\n',
      );
      return (await git.log({ fs, dir: dir() }))[0].oid;
    }

    it('commits the workspace as one commit on a new branch, leaving the checked-out branch and working tree alone', async () => {
      const mainHead = await existingRepository();
      const { ctx, logText } = await run({
        repoName: 'refund-service',
        branch: 'opsready/fix-codeowners',
        commitMessage: 'Fix codeowners',
      });
      const branchLog = await git.log({
        fs,
        dir: dir(),
        ref: 'opsready/fix-codeowners',
      });
      expect(branchLog).toHaveLength(2);
      expect(branchLog[0].commit.message).toBe('Fix codeowners\n');
      expect(branchLog[0].commit.parent).toEqual([mainHead]);
      expect(ctx.output).toHaveBeenCalledWith('commitHash', branchLog[0].oid);
      expect(ctx.output).toHaveBeenCalledWith(
        'branchUrl',
        `file://${dir()}#opsready/fix-codeowners`,
      );
      // The branch has the change, ignored files still left out.
      expect(
        (
          await git.listFiles({
            fs,
            dir: dir(),
            ref: 'opsready/fix-codeowners',
          })
        ).sort(),
      ).toEqual([
        '.github/CODEOWNERS',
        '.gitignore',
        'README.md',
        'catalog-info.yaml',
        'src/index.ts',
      ]);
      // main, HEAD and the working tree are as they were.
      expect(await git.currentBranch({ fs, dir: dir() })).toBe('main');
      expect(await git.resolveRef({ fs, dir: dir(), ref: 'main' })).toBe(
        mainHead,
      );
      expect(fs.readFileSync(join(dir(), 'README.md'), 'utf8')).toBe(
        '# refund-service\n',
      );
      expect(fs.existsSync(join(dir(), '.github'))).toBe(false);
      expect(
        (await git.statusMatrix({ fs, dir: dir() })).every(
          ([, head, workdir, stage]) =>
            head === 1 && workdir === 1 && stage === 1,
        ),
      ).toBe(true);
      expect(logText()).toContain(
        `git -C ${dir()} merge --ff-only opsready/fix-codeowners`,
      );
    });

    it('refuses a branch that exists, with a conflict', async () => {
      await existingRepository();
      await run({ repoName: 'refund-service', branch: 'opsready/fix-x' });
      await expect(
        run({ repoName: 'refund-service', branch: 'opsready/fix-x' }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining(
          'The branch opsready/fix-x already exists',
        ),
      });
    });

    it('refuses a repository that does not exist and a bad branch name', async () => {
      await expect(
        run({ repoName: 'refund-service', branch: 'opsready/fix-x' }),
      ).rejects.toThrow(
        'repoName: there is no git repository named refund-service to add the branch opsready/fix-x to',
      );
      await existingRepository();
      await expect(
        run({ repoName: 'refund-service', branch: '../main' }),
      ).rejects.toThrow("branch '../main' is not a branch name");
    });
  });
});
