import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseFixCheckIds } from '../fixes/fixInput';
import { ConfiguredDeclarativeChecks } from '../compliance/configuredDeclarativeChecks';
import { judgeFix } from '../fixes/verifyFix';
import { evaluateRepository } from '../fixes/workspaceEvaluation';
import { resolveInputPath } from '../lib/workspacePaths';
import { examples } from './fixVerify.examples';

/**
 * `opsready:fix:verify` — runs the check engine on the fixed repository:
 * every targeted check must pass (or no longer apply) and no other check
 * may be worse than in the baseline `opsready:fix:generate` took.
 *
 * @public
 */
export function createFixVerifyAction(options: {
  catalog: CatalogService;
  config: RootConfigService;
  declarativeChecks: ConfiguredDeclarativeChecks;
}) {
  const { catalog, config, declarativeChecks } = options;
  return createTemplateAction({
    id: 'opsready:fix:verify',
    description:
      'Runs the OpsReady checks on the fixed repository in the workspace and fails unless every targeted check passes and no other check got worse (pass > warn > not-applicable > pending > unknown > error > fail)',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        checkIds: z =>
          z.array(z.string()).describe('The checks the fix targets'),
        baseline: z =>
          z
            .record(z.string())
            .describe(
              "Status of every check before the fix (fix:generate's baseline)",
            ),
        sourcePath: z =>
          z
            .string()
            .default('.')
            .describe('Workspace directory of the repository'),
        catalogInfoPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('Path of catalog-info.yaml in the repository'),
        scoreBefore: z => z.number().nullable().optional(),
        levelBefore: z => z.string().nullable().optional(),
      },
      output: {
        scoreBefore: z => z.number().nullable().optional(),
        levelBefore: z => z.string().nullable().optional(),
        score: z => z.number().nullable().describe('Score after the fix'),
        level: z => z.string().nullable().describe('Level after the fix'),
        improvedChecks: z =>
          z.array(
            z.object({
              checkId: z.string(),
              before: z.string(),
              after: z.string(),
            }),
          ),
        summary: z => z.string().describe('The verification in a sentence'),
      },
    },
    async handler(ctx) {
      const checkIds = parseFixCheckIds(ctx.input.checkIds);
      const baseline = ctx.input.baseline;
      if (
        !baseline ||
        typeof baseline !== 'object' ||
        Object.keys(baseline).length === 0
      ) {
        throw new InputError(
          "baseline must hold the status of each check before the fix (opsready:fix:generate's baseline output)",
        );
      }
      const root = await resolveInputPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
        'sourcePath',
      );
      const after = await evaluateRepository({
        root,
        catalogInfoPath: ctx.input.catalogInfoPath ?? 'catalog-info.yaml',
        catalog,
        config,
        credentials: await ctx.getInitiatorCredentials(),
        declarativeChecks,
      });
      const verdict = judgeFix({ checkIds, baseline, after: after.results });
      const problems = [
        ...verdict.stillFailing.map(
          c => `${c.checkId} still does not pass (${c.status}): ${c.message}`,
        ),
        ...verdict.worsened.map(
          c =>
            `${c.checkId} got worse (${c.before} → ${c.after}): ${c.message}`,
        ),
      ];
      if (problems.length > 0) {
        throw new InputError(`The fix does not hold: ${problems.join('; ')}`);
      }
      const { scoreBefore, levelBefore } = ctx.input;
      const summary = `${checkIds.join(', ')} ${
        checkIds.length === 1 ? 'passes' : 'pass'
      } after the fix and no other check got worse; score ${
        scoreBefore ?? 'unknown'
      } → ${after.score ?? 'none'}, level ${levelBefore ?? 'none'} → ${
        after.level ?? 'none'
      }.`;
      ctx.logger.info(summary);
      if (scoreBefore !== undefined) ctx.output('scoreBefore', scoreBefore);
      if (levelBefore !== undefined) ctx.output('levelBefore', levelBefore);
      ctx.output('score', after.score);
      ctx.output('level', after.level);
      ctx.output('improvedChecks', verdict.improved);
      ctx.output('summary', summary);
    },
  });
}
