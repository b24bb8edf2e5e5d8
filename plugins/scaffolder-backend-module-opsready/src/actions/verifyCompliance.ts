import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { isAtLeastLevel } from '@opsready/plugin-opsready-common';
import {
  readLiveDataSources,
  readScoringConfig,
  topLevel,
} from '@opsready/plugin-opsready-node';
import { LIVE_DATA_CHECKS } from '../compliance/checksInScope';
import { ConfiguredDeclarativeChecks } from '../compliance/configuredDeclarativeChecks';
import {
  evaluateWorkspace,
  FailingCheck,
  PendingCheck,
} from '../compliance/evaluateWorkspace';
import { readComponentEntity } from '../compliance/workspaceEntity';
import { resolveInputPath } from '../lib/workspacePaths';
import { examples } from './verifyCompliance.examples';

function describeFailing(checks: FailingCheck[]): string {
  return checks
    .map(
      c =>
        `${c.checkId} (${c.title}, ${c.status}): ${c.message.replace(
          /\.$/,
          '',
        )}`,
    )
    .join('; ');
}

/** The pending checks in a sentence a template's output can show. */
function describePending(checks: PendingCheck[]): string {
  if (checks.length === 0) {
    return 'No check waits for data: the portal shows this score and level once the service is registered.';
  }
  const until = checks
    .map(c => c.pendingUntil)
    .sort()[0]
    .slice(0, 10);
  return `Pending, and out of the score until the first probe or deployment: ${checks
    .map(c => c.title)
    .join(
      ', ',
    )}. The portal shows this score and level until their data arrives, or until ${until}, when they count as unknown if none has.`;
}

/**
 * `opsready:compliance:verify` — runs OpsReady's check engine on the
 * rendered workspace and fails the run, naming each failing check and why,
 * when the new service would not reach the required level.
 *
 * @public
 */
export function createVerifyComplianceAction(options: {
  catalog: CatalogService;
  config: RootConfigService;
  declarativeChecks: ConfiguredDeclarativeChecks;
}) {
  const { catalog, config, declarativeChecks } = options;
  return createTemplateAction({
    id: 'opsready:compliance:verify',
    description: `Runs the OpsReady checks on the workspace (catalog-info.yaml, manifests, Dockerfile, CI, files) as the portal will right after registration, and fails below the required level. Checks that need a running service (${LIVE_DATA_CHECKS.join(
      ', ',
    )}) are pending (out of the score) until its first probe or deployment, and never stop the run.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('Workspace path of the rendered catalog-info.yaml'),
        sourcePath: z =>
          z
            .string()
            .default('.')
            .describe('Workspace directory that becomes the repository'),
        minimumLevel: z =>
          z
            .string()
            .optional()
            .describe(
              'Level the service must reach; defaults to the highest configured level',
            ),
        allowFailingChecks: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'Pass a run that reaches the level although some checks in scope fail; by default every check in scope must pass (a warning is fine)',
            ),
      },
      output: {
        score: z =>
          z.number().nullable().describe('Compliance score, 0 to 100'),
        level: z =>
          z.string().nullable().describe('Level reached, or null for none'),
        minimumLevel: z => z.string().describe('Level that was required'),
        failingChecks: z =>
          z
            .array(
              z.object({
                checkId: z.string(),
                title: z.string(),
                status: z.string(),
                message: z.string(),
              }),
            )
            .describe('Checks in scope that did not pass'),
        pendingChecks: z =>
          z
            .array(
              z.object({
                checkId: z.string(),
                title: z.string(),
                message: z.string(),
                pendingUntil: z.string(),
              }),
            )
            .describe(
              'Checks waiting for the first probe or deployment: out of the score until then, or until pendingUntil',
            ),
        pendingSummary: z =>
          z
            .string()
            .describe(
              'The pending checks in a sentence, for the template output',
            ),
      },
    },
    async handler(ctx) {
      const settings = readScoringConfig(config);
      const levelNames = settings.levels.map(l => l.name);
      const minimumLevel = ctx.input.minimumLevel || topLevel(settings.levels);
      if (!levelNames.includes(minimumLevel)) {
        throw new InputError(
          `minimumLevel '${minimumLevel}' is not a configured level; the levels are ${levelNames.join(
            ', ',
          )}`,
        );
      }
      const root = await resolveInputPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
        'sourcePath',
      );
      const catalogInfoPath = ctx.input.catalogInfoPath ?? 'catalog-info.yaml';
      const entity = await readComponentEntity(
        await resolveInputPath(root, catalogInfoPath, 'catalogInfoPath'),
        catalogInfoPath,
      );

      const { score, level, failingChecks, pendingChecks } =
        await evaluateWorkspace({
          root,
          entity,
          catalog,
          credentials: await ctx.getInitiatorCredentials(),
          settings,
          sources: readLiveDataSources(config),
          declarativeChecks: await declarativeChecks.current(),
        });

      ctx.output('score', score);
      ctx.output('level', level);
      ctx.output('minimumLevel', minimumLevel);
      ctx.output(
        'failingChecks',
        failingChecks.map(({ checkId, title, status, message }) => ({
          checkId,
          title,
          status,
          message,
        })),
      );

      ctx.output('pendingChecks', pendingChecks);
      ctx.output('pendingSummary', describePending(pendingChecks));

      const reached = isAtLeastLevel(level, minimumLevel, settings.levels);
      // A live-data check answers for the portal's sources, not for the
      // repository: it is reported, never a reason to stop the run.
      const blocking = ctx.input.allowFailingChecks
        ? []
        : failingChecks.filter(c => !LIVE_DATA_CHECKS.includes(c.checkId));
      if (!reached || blocking.length > 0) {
        const standing = `${entity.metadata.name} would reach ${
          level ? `level ${level}` : 'no level'
        } with a score of ${score ?? 'none'}`;
        throw new InputError(
          !reached
            ? `${standing}, below the required ${minimumLevel}. ${
                failingChecks.length > 0
                  ? `Failing checks: ${describeFailing(failingChecks)}`
                  : 'No check fails; raise the score by fixing the warnings.'
              }`
            : `${standing}, but golden checks fail: ${describeFailing(
                blocking,
              )}`,
        );
      }
      for (const check of failingChecks) {
        ctx.logger.warn(
          `${check.checkId} (${check.title}) is ${check.status}: ${check.message}`,
        );
      }
      ctx.logger.info(
        `${entity.metadata.name} reaches level ${level} with a score of ${score} (required: ${minimumLevel}); ${failingChecks.length} checks in scope do not pass`,
      );
    },
  });
}
