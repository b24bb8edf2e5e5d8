import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './validateService.examples';
import {
  problemsWithPort,
  problemsWithServiceName,
  SERVICE_TIERS,
} from './serviceSpec';

/**
 * `opsready:service:validate` — checks a new service's name, owner, port and
 * tier before anything is generated, and says everything that is wrong at
 * once.
 *
 * @public
 */
export function createValidateServiceAction(options: {
  catalog: CatalogService;
}) {
  const { catalog } = options;
  return createTemplateAction({
    id: 'opsready:service:validate',
    description:
      'Checks that a new service name is a free DNS-1123 label, that its owner exists in the catalog, and that its port and tier are valid',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Name of the new service'),
        owner: z =>
          z.string().describe('Entity ref of the owning group or user'),
        port: z =>
          z.number().describe('The port the service listens on').default(8080),
        tier: z =>
          z
            .enum(SERVICE_TIERS)
            .describe('Service tier: decides replicas and resources')
            .default('standard'),
        namespace: z =>
          z
            .string()
            .describe('Catalog namespace of the new service')
            .default('default'),
      },
      output: {
        entityRef: z =>
          z.string().describe('Entity ref the new service will have'),
        ownerRef: z => z.string().describe('Full entity ref of the owner'),
      },
    },
    async handler(ctx) {
      const { name, owner, port, tier, namespace } = ctx.input;
      const problems = [
        ...problemsWithServiceName(name),
        ...problemsWithPort(port),
      ];
      if (!SERVICE_TIERS.includes(tier)) {
        problems.push(
          `tier '${tier}' is unknown: use one of ${SERVICE_TIERS.join(', ')}`,
        );
      }

      let ownerRef: CompoundEntityRef | undefined;
      try {
        ownerRef = parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: namespace,
        });
      } catch {
        problems.push(
          `owner '${owner}' is not an entity ref such as group:default/payments`,
        );
      }

      const entityRef = stringifyEntityRef({
        kind: 'component',
        namespace,
        name,
      });
      if (problems.length === 0) {
        const credentials = await ctx.getInitiatorCredentials();
        const [existing, ownerEntity] = await Promise.all([
          catalog.getEntityByRef(entityRef, { credentials }),
          catalog.getEntityByRef(ownerRef!, { credentials }),
        ]);
        if (existing) {
          problems.push(
            `the name '${name}' is taken: ${entityRef} already exists in the catalog`,
          );
        }
        if (!ownerEntity) {
          problems.push(
            `owner ${stringifyEntityRef(
              ownerRef!,
            )} does not exist in the catalog`,
          );
        }
      }

      if (problems.length > 0) {
        throw new InputError(
          `The service cannot be created: ${problems.join('; ')}`,
        );
      }
      ctx.logger.info(
        `${entityRef} is free; owner, port ${port} and tier ${tier} are valid`,
      );
      ctx.output('entityRef', entityRef);
      ctx.output('ownerRef', stringifyEntityRef(ownerRef!));
    },
  });
}
