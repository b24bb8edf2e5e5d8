import { AuthService, RootConfigService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActionContext,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { refreshFileLocationsUnder } from '../lib/catalogRefresh';
import { commitToNewBranch, isBranchName } from '../lib/localBranch';
import { createLocalRepository } from '../lib/localRepository';
import { findSymbolicLinks, resolveInputPath } from '../lib/workspacePaths';
import { examples } from './publishLocal.examples';
import { problemsWithServiceName } from './serviceSpec';

/** Where local repositories go unless config says otherwise. */
export const DEFAULT_REPOSITORIES_DIRECTORY = '.data/repositories';

/** The configured directory, absolute (relative to the working directory). */
export function localRepositoriesDirectory(config: RootConfigService): string {
  return resolve(
    config.getOptionalString('opsready.scaffolder.publishLocal.directory') ??
      DEFAULT_REPOSITORIES_DIRECTORY,
  );
}

/**
 * `opsready:publish:local` — publishes the workspace as a new git
 * repository in a configured directory on the backend's host, for a portal
 * with no Git host. Production templates use `publish:github` and friends.
 *
 * @public
 */
export function createPublishLocalAction(options: {
  config: RootConfigService;
  catalog: CatalogService;
  auth: AuthService;
}) {
  const { config, catalog, auth } = options;
  return createTemplateAction({
    id: 'opsready:publish:local',
    description:
      'Writes the workspace into a new git repository under opsready.scaffolder.publishLocal.directory (default .data/repositories), for portals with no Git host; with `branch`, commits it instead as one commit on a new branch of an existing repository there, leaving its checked-out branch and working tree alone',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z.string().describe('Name of the new repository (a DNS-1123 label)'),
        sourcePath: z =>
          z.string().default('.').describe('Workspace directory to publish'),
        defaultBranch: z =>
          z.string().default('main').describe('Name of the first branch'),
        commitMessage: z =>
          z
            .string()
            .optional()
            .describe(
              'Message of the commit (default: "Initial commit from an OpsReady golden template")',
            ),
        branch: z =>
          z
            .string()
            .optional()
            .describe(
              'Commit to this new branch of the existing repository repoName, off its checked-out branch, instead of creating a repository',
            ),
        gitAuthorName: z =>
          z.string().default('OpsReady scaffolder').describe('Commit author'),
        gitAuthorEmail: z =>
          z
            .string()
            .default('scaffolder@opsready.local')
            .describe('Commit author email'),
      },
      output: {
        remoteUrl: z => z.string().describe('file: URL of the repository'),
        repoContentsUrl: z =>
          z.string().describe('file: URL of the repository contents'),
        catalogInfoUrl: z =>
          z.string().describe('file: URL of its catalog-info.yaml'),
        catalogInfoPath: z =>
          z.string().describe('Path of catalog-info.yaml in the repository'),
        repositoryPath: z =>
          z.string().describe('Path of the repository on the backend host'),
        commitHash: z =>
          z.string().optional().describe('The commit made (not in dry runs)'),
        branch: z =>
          z
            .string()
            .optional()
            .describe('The branch committed to (branch mode)'),
        branchUrl: z =>
          z
            .string()
            .optional()
            .describe('file: URL of the repository, #branch (branch mode)'),
      },
    },
    async handler(ctx) {
      const {
        repoName,
        sourcePath = '.',
        defaultBranch = 'main',
        branch,
        gitAuthorName = 'OpsReady scaffolder',
        gitAuthorEmail = 'scaffolder@opsready.local',
      } = ctx.input;
      const nameProblems = problemsWithServiceName(repoName ?? '');
      if (nameProblems.length > 0) {
        throw new InputError(
          `repoName cannot be used: ${nameProblems.join('; ')}`,
        );
      }
      if (!/^[A-Za-z0-9._/-]+$/.test(defaultBranch)) {
        throw new InputError(
          `defaultBranch '${defaultBranch}' is not a branch name`,
        );
      }
      const source = await resolveInputPath(
        ctx.workspacePath,
        sourcePath,
        'sourcePath',
      );
      const links = await findSymbolicLinks(source);
      if (links.length > 0) {
        throw new InputError(
          `The workspace holds symbolic links, which are never published: ${links.join(
            ', ',
          )}`,
        );
      }
      const base = localRepositoriesDirectory(config);
      const destination = await resolveInputPath(base, repoName, 'repoName');
      const remoteUrl = pathToFileURL(destination).toString();
      const author = { name: gitAuthorName, email: gitAuthorEmail };
      if (branch !== undefined) {
        await publishBranch({
          ctx,
          source,
          destination,
          repoName,
          branch,
          remoteUrl,
          commitMessage: ctx.input.commitMessage || `Change from ${branch}`,
          author,
        });
        return;
      }
      const commitMessage =
        ctx.input.commitMessage ||
        'Initial commit from an OpsReady golden template';
      ctx.output('remoteUrl', remoteUrl);
      ctx.output('repoContentsUrl', remoteUrl);
      ctx.output(
        'catalogInfoUrl',
        pathToFileURL(resolve(destination, 'catalog-info.yaml')).toString(),
      );
      ctx.output('catalogInfoPath', '/catalog-info.yaml');
      ctx.output('repositoryPath', destination);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would publish the workspace to ${destination}`,
        );
        return;
      }

      const { commitHash } = await ctx.checkpoint({
        key: `opsready-publish-local-${repoName}`,
        fn: async () => {
          if (await exists(destination)) {
            throw new ConflictError(
              `A repository named ${repoName} already exists at ${destination}; choose another name`,
            );
          }
          await fs.mkdir(base, { recursive: true });
          return createLocalRepository({
            source,
            destination,
            defaultBranch,
            commitMessage,
            author,
          });
        },
      });
      ctx.output('commitHash', commitHash);
      ctx.logger.info(
        `Published ${repoName} to ${destination} (${commitHash})`,
      );

      // The catalog finds the repository through a `file` location over
      // this directory; asking it to read that location again now spares
      // the user the wait for its next round. A failure costs only time.
      try {
        const refreshed = await refreshFileLocationsUnder({
          directory: base,
          config,
          catalog,
          credentials: await auth.getOwnServiceCredentials(),
        });
        if (refreshed.length === 0) {
          ctx.logger.warn(
            `No catalog location covers ${base}; add a file location such as ${base}/*/catalog-info.yaml to catalog.locations so that the catalog finds ${repoName}`,
          );
        }
      } catch (error) {
        ctx.logger.warn(
          `Could not ask the catalog to read ${base} again; ${repoName} appears at its next processing round: ${error}`,
        );
      }
    },
  });
}

/**
 * Branch mode: the workspace becomes one commit on a new branch of an
 * existing repository, for review; nothing the repository has checked out
 * changes, so the catalog, which reads its working tree, is not asked to
 * read it again.
 */
async function publishBranch(options: {
  ctx: ActionContext<any, any>;
  source: string;
  destination: string;
  repoName: string;
  branch: string;
  remoteUrl: string;
  commitMessage: string;
  author: { name: string; email: string };
}) {
  const { ctx, source, destination, repoName, branch, remoteUrl } = options;
  if (!isBranchName(branch)) {
    throw new InputError(`branch '${branch}' is not a branch name`);
  }
  if (!(await exists(`${destination}/.git`))) {
    throw new InputError(
      `repoName: there is no git repository named ${repoName} to add the branch ${branch} to`,
    );
  }
  const branchUrl = `${remoteUrl}#${branch}`;
  ctx.output('remoteUrl', remoteUrl);
  ctx.output('repositoryPath', destination);
  ctx.output('branch', branch);
  ctx.output('branchUrl', branchUrl);
  if (ctx.isDryRun) {
    ctx.logger.info(
      `Dry run: would commit the workspace to a new branch ${branch} of ${destination}`,
    );
    return;
  }
  const { commitHash, baseBranch } = await ctx.checkpoint({
    key: `opsready-publish-local-${repoName}-${branch}`,
    fn: () =>
      commitToNewBranch({
        repository: destination,
        source,
        branch,
        message: options.commitMessage,
        author: options.author,
      }),
  });
  ctx.output('commitHash', commitHash);
  ctx.logger.info(
    `Committed the workspace to ${branch} of ${destination} (${commitHash}), off ${baseBranch}; merge it with: git -C ${destination} merge --ff-only ${branch}`,
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}
