import {
  AuthService,
  DiscoveryService,
  RootConfigService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ConfiguredDeclarativeChecks } from '../compliance/configuredDeclarativeChecks';
import { presetOf, tierOf } from '../fixes/fixSettings';
import { parseFixCheckIds } from '../fixes/fixInput';
import { parseEntityRefInput } from '../lib/entityRefInput';
import { MemoryFiles } from '../fixes/memoryFiles';
import { fixBranchName, fixDescription, fixTitle } from '../fixes/proposalText';
import { publishTargetOf } from '../fixes/publishTarget';
import {
  entityRepositorySource,
  readEntityRepository,
} from '../fixes/readEntityRepository';
import { runFixes } from '../fixes/runFixes';
import { runningDigests } from '../fixes/runningDigests';
import { refuseNewSecrets } from '../fixes/secretGuard';
import { unifiedDiff } from '../fixes/unifiedDiff';
import { evaluateRepository } from '../fixes/workspaceEvaluation';
import { resolveInputPath, writeFiles } from '../lib/workspacePaths';
import { examples } from './fixGenerate.examples';

/**
 * `opsready:fix:generate` — reads an entity's repository into the
 * workspace, runs the fixers of the checks asked for on it, and writes the
 * files they changed, with a diff and the text of the proposal.
 *
 * @public
 */
export function createFixGenerateAction(options: {
  catalog: CatalogService;
  config: RootConfigService;
  urlReader: UrlReaderService;
  discovery: DiscoveryService;
  auth: AuthService;
  declarativeChecks: ConfiguredDeclarativeChecks;
}) {
  const { catalog, config, urlReader, declarativeChecks } = options;
  return createTemplateAction({
    id: 'opsready:fix:generate',
    description:
      "Reads an entity's repository into the workspace and edits it so that the given OpsReady checks pass (Kubernetes manifests, Helm values, CODEOWNERS, README, catalog-info.yaml), keeping formatting and comments; refuses, saying why, what it cannot justify",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z => z.string().describe('The entity whose checks to fix'),
        checkIds: z =>
          z.array(z.string()).describe('The fixable checks to make pass'),
        values: z =>
          z
            .object({
              owner: z.string().optional(),
              description: z.string().optional(),
              system: z.string().optional(),
              lifecycle: z.string().optional(),
            })
            .default({})
            .describe('Values for the catalog fixes, which never guess them'),
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Workspace directory the repository is read into'),
      },
      output: {
        changedFiles: z => z.array(z.string()),
        changes: z =>
          z.array(z.string()).describe('What changed, a sentence each'),
        diff: z => z.string().describe('Unified diff of every changed file'),
        baseline: z =>
          z.record(z.string()).describe('Status of every check before the fix'),
        scoreBefore: z =>
          z.number().nullable().describe('Score before the fix'),
        levelBefore: z =>
          z.string().nullable().describe('Level before the fix'),
        branchName: z => z.string(),
        title: z => z.string(),
        description: z => z.string().describe('Markdown body of the proposal'),
        publishVia: z => z.enum(['local', 'github', 'gitlab']),
        repoUrl: z => z.string().optional(),
        targetBranch: z => z.string().optional(),
        repoPath: z => z.string().optional(),
        localRepository: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const checkIds = parseFixCheckIds(ctx.input.checkIds);
      const ref = parseEntityRefInput(ctx.input.entityRef);
      const entityRef = stringifyEntityRef(ref);
      const credentials = await ctx.getInitiatorCredentials();
      const entity = await catalog.getEntityByRef(ref, { credentials });
      if (!entity) {
        throw new InputError(`entityRef: ${entityRef} is not in the catalog`);
      }
      const source = entityRepositorySource(entity, config);
      const target = publishTargetOf(source);
      const root = await resolveInputPath(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
        'targetPath',
      );
      const texts = await readEntityRepository({
        source,
        target: root,
        urlReader,
      });
      ctx.logger.info(
        `Read ${
          Object.keys(texts).length
        } text files of ${entityRef}'s repository (${
          source.type === 'url' ? source.url : source.path
        })`,
      );

      const before = await evaluateRepository({
        root,
        catalogInfoPath: 'catalog-info.yaml',
        fallback: entity,
        catalog,
        config,
        credentials,
        declarativeChecks,
      });
      const results = new Map(before.results.map(r => [r.checkId, r]));
      const files = new MemoryFiles(texts);
      const tier = tierOf(entity, files, config);
      const changes = await runFixes({
        checkIds,
        files,
        before: results,
        context: {
          entity,
          tier,
          preset: presetOf(tier, config),
          productionLifecycles: before.settings.options.productionLifecycles,
          // Only pinning images needs them; nobody else is asked.
          runningDigests: checkIds.includes('kubernetes.image-pinned')
            ? await runningDigests({
                ...options,
                ref,
                credentials,
                logger: ctx.logger,
              })
            : {},
          values: ctx.input.values ?? {},
        },
      });

      const changedFiles = files.changedPaths();
      if (changedFiles.length === 0) {
        throw new InputError(
          `checkIds: nothing to change for ${checkIds.join(', ')}; ${checkIds
            .map(id => `${id} is ${results.get(id)?.status ?? 'not evaluated'}`)
            .join(', ')}`,
        );
      }
      const edits = changedFiles.map(path => ({
        path,
        before: files.originalText(path),
        after: files.read(path)!,
      }));
      for (const edit of edits) {
        refuseNewSecrets(edit.path, edit.before, edit.after);
      }
      await writeFiles(
        root,
        Object.fromEntries(edits.map(e => [e.path, e.after])),
        'a fixed file',
      );
      for (const change of changes) {
        ctx.logger.info(change);
      }

      ctx.output('changedFiles', changedFiles);
      ctx.output('changes', changes);
      ctx.output('diff', unifiedDiff(edits));
      ctx.output(
        'baseline',
        Object.fromEntries(before.results.map(r => [r.checkId, r.status])),
      );
      ctx.output('scoreBefore', before.score);
      ctx.output('levelBefore', before.level);
      ctx.output('branchName', fixBranchName(checkIds));
      ctx.output('title', fixTitle(entity.metadata.name, checkIds));
      ctx.output(
        'description',
        fixDescription({ entityRef, checkIds, before: results, changes }),
      );
      ctx.output('publishVia', target.publishVia);
      for (const key of [
        'repoUrl',
        'targetBranch',
        'repoPath',
        'localRepository',
      ] as const) {
        if (target[key] !== undefined) {
          ctx.output(key, target[key]);
        }
      }
    },
  });
}
