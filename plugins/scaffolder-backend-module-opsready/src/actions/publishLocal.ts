import { AuthService, RootConfigService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { refreshFileLocationsUnder } from '../lib/catalogRefresh';
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
      'Writes the workspace into a new git repository under opsready.scaffolder.publishLocal.directory (default .data/repositories), for portals with no Git host',
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
            .default('Initial commit from an OpsReady golden template')
            .describe('Message of the first commit'),
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
          z.string().optional().describe('The first commit (not in dry runs)'),
      },
    },
    async handler(ctx) {
      const {
        repoName,
        sourcePath = '.',
        defaultBranch = 'main',
        commitMessage = 'Initial commit from an OpsReady golden template',
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
            author: { name: gitAuthorName, email: gitAuthorEmail },
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

async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}
