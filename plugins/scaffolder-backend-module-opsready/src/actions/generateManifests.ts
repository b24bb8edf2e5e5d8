import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { imagePinning } from '@opsready/plugin-opsready-node';
import { posix } from 'node:path';
import { helmChart } from '../manifests/helmChart';
import { kubernetesManifests } from '../manifests/kubernetesManifests';
import { TIER_PRESETS } from '../manifests/tierPresets';
import { WorkloadSpec } from '../manifests/workloadSpec';
import { resolveInputPath, writeFiles } from '../lib/workspacePaths';
import { examples } from './generateManifests.examples';
import {
  problemsWithPort,
  problemsWithServiceName,
  SERVICE_TIERS,
  ServiceTier,
} from './serviceSpec';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Problems with the image reference: it must say which build runs. */
export function problemsWithImage(image: string): string[] {
  if (image.trim() === '' || /\s/.test(image)) {
    return [`image '${image}' is not an image reference`];
  }
  const pinning = imagePinning(image);
  if (pinning === 'unpinned' || pinning === 'floating') {
    return [
      `image '${image}' is not pinned: name a version tag (e.g. registry.example.com/cart:1.0.0) or a digest (@sha256:…)`,
    ];
  }
  return [];
}

function entityName(ref: string | undefined, defaultKind: string) {
  if (!ref) {
    return undefined;
  }
  try {
    return parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' })
      .name;
  } catch {
    throw new InputError(`'${ref}' is not an entity ref`);
  }
}

/**
 * `opsready:manifests:generate` — writes Kubernetes manifests and a Helm
 * chart for a service into the workspace, with its tier's replicas and
 * resources, compliant by construction with OpsReady's Kubernetes and
 * observability checks.
 *
 * @public
 */
export function createGenerateManifestsAction() {
  return createTemplateAction({
    id: 'opsready:manifests:generate',
    description:
      'Writes Kubernetes manifests (Deployment, Service, HPA, PodDisruptionBudget, ServiceMonitor, PrometheusRule) and a Helm chart for a service, with replicas and resources from its tier',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string().describe('Name of the service (a DNS-1123 label)'),
        owner: z =>
          z
            .string()
            .optional()
            .describe('Entity ref of the owning group, for the owner label'),
        system: z =>
          z
            .string()
            .optional()
            .describe('Entity ref of the system, for the part-of label'),
        tier: z =>
          z
            .enum(SERVICE_TIERS)
            .default('standard')
            .describe(
              'Service tier: decides replicas, autoscaling and resources',
            ),
        port: z =>
          z.number().default(8080).describe('The port the service listens on'),
        image: z =>
          z
            .string()
            .describe('Pinned image reference: a version tag or a digest'),
        namespace: z =>
          z
            .string()
            .optional()
            .describe(
              'Kubernetes namespace; left out of the manifests if empty',
            ),
        manifestsPath: z =>
          z
            .string()
            .default('k8s')
            .describe('Workspace directory for the plain manifests'),
        chartPath: z =>
          z
            .string()
            .default('chart')
            .describe('Workspace directory for the Helm chart'),
      },
      output: {
        files: z =>
          z.array(z.string()).describe('Workspace paths of the written files'),
        replicas: z => z.number().describe('Replicas the tier asks for'),
      },
    },
    async handler(ctx) {
      const {
        name,
        owner,
        system,
        tier,
        port,
        image,
        namespace,
        manifestsPath = 'k8s',
        chartPath = 'chart',
      } = ctx.input;
      const problems = [
        ...problemsWithServiceName(name),
        ...problemsWithPort(port),
        ...problemsWithImage(image ?? ''),
      ];
      if (!SERVICE_TIERS.includes(tier as ServiceTier)) {
        problems.push(
          `tier '${tier}' is unknown: use one of ${SERVICE_TIERS.join(', ')}`,
        );
      }
      if (namespace && !DNS_1123_LABEL.test(namespace)) {
        problems.push(`namespace '${namespace}' is not a DNS-1123 label`);
      }
      if (problems.length > 0) {
        throw new InputError(
          `The manifests cannot be generated: ${problems.join('; ')}`,
        );
      }
      const spec: WorkloadSpec = {
        name,
        ownerName: entityName(owner, 'group'),
        system: entityName(system, 'system'),
        tier,
        port,
        image,
        namespace: namespace || undefined,
      };

      // Both directories are checked before anything is written, so that a
      // refused path leaves the workspace as it was.
      const manifestsDir = await resolveInputPath(
        ctx.workspacePath,
        manifestsPath,
        'manifestsPath',
      );
      const chartDir = await resolveInputPath(
        ctx.workspacePath,
        chartPath,
        'chartPath',
      );
      const files = {
        ...prefixed(manifestsPath, kubernetesManifests(spec)),
        ...prefixed(chartPath, helmChart(spec)),
      };
      // Writing into the workspace is what a dry run is for too: the
      // compliance step after this one reads these files.
      const written = await writeFiles(
        ctx.workspacePath,
        files,
        'generated file',
      );
      ctx.logger.info(
        `Wrote ${written.length} files for ${name} (${tier} tier, ${TIER_PRESETS[tier].replicas} replicas) to ${manifestsDir} and ${chartDir}`,
      );
      ctx.output('files', written);
      ctx.output('replicas', TIER_PRESETS[tier].replicas);
    },
  });
}

function prefixed(dir: string, files: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(files).map(([path, text]) => [
      posix.join(dir.split('\\').join('/'), path),
      text,
    ]),
  );
}
