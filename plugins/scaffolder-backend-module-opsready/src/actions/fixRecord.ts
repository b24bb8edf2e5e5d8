import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { responseData } from '@opsready/plugin-opsready-common';
import { parseFixCheckIds } from '../fixes/fixInput';
import { parseEntityRefInput } from '../lib/entityRefInput';
import { recordInOpsReady } from '../lib/opsReadyClient';
import { examples } from './fixRecord.examples';

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * `opsready:fix:record` — records the proposed change in OpsReady, so that
 * the entity's page shows "fix proposed" with its link until the check
 * passes. Recorded by the scaffolder, with its own service credentials (as
 * `opsready:service:register` records a provisioning: the permission policy
 * keeps event records to services), for the person who ran the template.
 *
 * @public
 */
export function createFixRecordAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  timeoutMs?: number;
}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return createTemplateAction({
    id: 'opsready:fix:record',
    description:
      'Records in OpsReady that a change fixing checks of an entity was proposed (pull request, merge request or branch), with its link',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z => z.string().describe('The entity the fix is for'),
        checkIds: z => z.array(z.string()).describe('The checks it fixes'),
        url: z => z.string().describe('Where the change is reviewed'),
        title: z => z.string().optional(),
        branch: z => z.string().optional(),
      },
      output: {
        proposalIds: z => z.array(z.string()).describe('One per check'),
      },
    },
    async handler(ctx) {
      const ref = parseEntityRefInput(ctx.input.entityRef);
      const checkIds = parseFixCheckIds(ctx.input.checkIds);
      const { url, title, branch } = ctx.input;
      if (!url || !URL.canParse(url)) {
        throw new InputError(`url '${String(url).slice(0, 200)}' is not a URL`);
      }
      const entityRef = stringifyEntityRef(ref);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would record the fix of ${checkIds.join(
            ', ',
          )} proposed for ${entityRef} at ${url}`,
        );
        return;
      }
      const actor = ctx.user?.ref;
      const ids = await ctx.checkpoint({
        key: `opsready-fix-record-${entityRef}-${url}`,
        fn: () =>
          recordInOpsReady({
            ...options,
            timeoutMs,
            signal: ctx.signal,
            what: `the fix proposed for ${entityRef}`,
            call: async (api, init) => {
              const data = await responseData(
                api.POST('/entities/{kind}/{namespace}/{name}/fix-proposals', {
                  params: { path: ref },
                  ...init,
                  body: {
                    checkIds,
                    url,
                    ...(title ? { title } : {}),
                    ...(branch ? { branch } : {}),
                    ...(actor ? { actor } : {}),
                  },
                }),
              );
              return (
                (data as { items?: Array<{ id: string }> })?.items ?? []
              ).map(p => p.id);
            },
          }),
      });
      ctx.logger.info(
        `Recorded in OpsReady the fix proposed for ${entityRef} at ${url}`,
      );
      ctx.output('proposalIds', ids);
    },
  });
}
