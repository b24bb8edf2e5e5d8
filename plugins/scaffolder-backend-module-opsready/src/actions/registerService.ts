import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createOpsReadyApiClient,
  responseData,
} from '@opsready/plugin-opsready-common';
import { examples } from './registerService.examples';

const TEMPLATE_VERSION_ANNOTATION = 'opsready.io/template-version';
const DEFAULT_TIMEOUT_MS = 10_000;
const ENTITY_REF_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

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
      let ref;
      try {
        ref = parseEntityRef(ctx.input.entityRef, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        });
      } catch {
        throw new InputError(
          `entityRef '${ctx.input.entityRef}' is not an entity ref such as component:default/refund-service`,
        );
      }
      // Each part becomes a URL path segment: '..' or '/' has no business
      // in an entity ref, and is refused rather than encoded.
      const badPart = [ref.kind, ref.namespace, ref.name].find(
        part => !ENTITY_REF_PART.test(part) || part.includes('..'),
      );
      if (badPart !== undefined) {
        throw new InputError(
          `entityRef '${ctx.input.entityRef}' has '${badPart}' in it, which is not a valid kind, namespace or name`,
        );
      }
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
          const baseUrl = await discovery.getBaseUrl('opsready');
          const { token } = await auth.getPluginRequestToken({
            onBehalfOf: await auth.getOwnServiceCredentials(),
            targetPluginId: 'opsready',
          });
          const signals = [AbortSignal.timeout(timeoutMs)];
          if (ctx.signal) {
            signals.push(ctx.signal);
          }
          const api = createOpsReadyApiClient({
            baseUrl,
            toError: response => ResponseError.fromResponse(response),
          });
          let event: unknown;
          try {
            event = await responseData(
              api.POST('/entities/{kind}/{namespace}/{name}/provisioned', {
                params: { path: ref },
                headers: { authorization: `Bearer ${token}` },
                body,
                signal: AbortSignal.any(signals),
              }),
            );
          } catch (error) {
            if (error instanceof ResponseError) {
              // The backend's own reason, when it sent one in its error body.
              const reason = error.body?.error?.message || error.message;
              throw new Error(
                `OpsReady refused to record the provisioning of ${entityRef}: ${error.statusCode} ${reason}`,
              );
            }
            const reason =
              (error as Error)?.name === 'TimeoutError'
                ? `no answer within ${timeoutMs} ms`
                : String((error as Error)?.message ?? error);
            throw new Error(
              `Could not record the provisioning of ${entityRef} in OpsReady: ${reason}`,
            );
          }
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
