import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { responseData } from '@opsready/plugin-opsready-common';
import { parseEntityRefInput } from '../lib/entityRefInput';
import { recordInOpsReady } from '../lib/opsReadyClient';
import { examples } from './registerService.examples';

const TEMPLATE_VERSION_ANNOTATION = 'opsready.io/template-version';
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * `opsready:service:register` — records in OpsReady that the service was
 * provisioned from a template (template name and version, repository), so
 * that its timeline starts there and template lineage is known.
 *
 * @public
 */
export function createRegisterServiceAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  /** How long the OpsReady backend may take to answer. */
  timeoutMs?: number;
}) {
  const { discovery, auth } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return createTemplateAction({
    id: 'opsready:service:register',
    description:
      'Records a "provisioned" event for the new service in OpsReady, with the template name and version and the repository URL',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z => z.string().describe('Entity ref of the new service'),
        templateName: z =>
          z
            .string()
            .optional()
            .describe("Template name; defaults to the running template's"),
        templateVersion: z =>
          z
            .string()
            .optional()
            .describe(
              `Template version; defaults to the template's ${TEMPLATE_VERSION_ANNOTATION} annotation`,
            ),
        repoUrl: z =>
          z.string().optional().describe('URL of the new repository'),
      },
      output: {
        eventId: z =>
          z.string().optional().describe('Id of the recorded event'),
      },
    },
    async handler(ctx) {
      const ref = parseEntityRefInput(ctx.input.entityRef);
      const metadata = ctx.templateInfo?.entity?.metadata;
      const templateName = ctx.input.templateName || metadata?.name;
      if (!templateName) {
        throw new InputError(
          'templateName is not set and the running template has no name',
        );
      }
      const templateVersion =
        ctx.input.templateVersion ||
        metadata?.annotations?.[TEMPLATE_VERSION_ANNOTATION];
      const { repoUrl } = ctx.input;
      if (repoUrl !== undefined && !URL.canParse(repoUrl)) {
        throw new InputError(`repoUrl '${repoUrl}' is not a URL`);
      }
      const body = {
        templateName,
        ...(templateVersion ? { templateVersion } : {}),
        ...(repoUrl ? { repoUrl } : {}),
      };
      const entityRef = stringifyEntityRef(ref);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would record that ${entityRef} was provisioned from ${templateName}${
            templateVersion ? ` ${templateVersion}` : ''
          }`,
        );
        return;
      }

      const eventId = await ctx.checkpoint({
        key: `opsready-provisioned-${entityRef}`,
        fn: async () => {
          const event = await recordInOpsReady({
            discovery,
            auth,
            timeoutMs,
            signal: ctx.signal,
            what: `the provisioning of ${entityRef}`,
            call: (api, init) =>
              responseData(
                api.POST('/entities/{kind}/{namespace}/{name}/provisioned', {
                  params: { path: ref },
                  ...init,
                  body,
                }),
              ),
          });
          const id = (event as { id?: unknown } | undefined)?.id;
          return typeof id === 'string' ? id : undefined;
        },
      });
      ctx.logger.info(
        `Recorded in OpsReady that ${entityRef} was provisioned from ${templateName}`,
      );
      if (eventId) {
        ctx.output('eventId', eventId);
      }
    },
  });
}
