import { sameNamespace } from '@opsready/plugin-opsready-node';
import { declaredHealthEndpoints } from '@opsready/plugin-opsready-common';
import { CheckFixer } from '../types';
import { addMissing } from '../yamlEdit';
import { readHelmCharts } from './helmCharts';
import {
  describeContainer,
  listing,
  Manifests,
  PlacedContainer,
  PlacedWorkload,
  readManifests,
  writeEdited,
} from './manifests';

const HANDLERS = ['httpGet', 'grpc', 'tcpSocket', 'exec'];
const PROBES = ['readinessProbe', 'livenessProbe'] as const;

interface HealthEndpoint {
  url: string;
  path: string;
  port: number;
  scheme: 'HTTP' | 'HTTPS';
}

/** The entity's declared health endpoint (the default one first), if any. */
function healthEndpoint(metadata: {
  annotations?: Record<string, string>;
}): HealthEndpoint | undefined {
  const { endpoints } = declaredHealthEndpoints(metadata);
  for (const { url } of endpoints) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      continue;
    }
    const https = parsed.protocol === 'https:';
    const defaultPort = https ? 443 : 80;
    return {
      url,
      path: `${parsed.pathname}${parsed.search}`,
      port: parsed.port ? Number(parsed.port) : defaultPort,
      scheme: https ? 'HTTPS' : 'HTTP',
    };
  }
  return undefined;
}

function lacksProbe(container: any, probe: string): boolean {
  const value = container[probe];
  return (
    value === undefined ||
    value === null ||
    !HANDLERS.some(handler => value?.[handler])
  );
}

/**
 * The container port the health endpoint's port reaches, as a probe names
 * it (the port's name, else its number): the container's own port of that
 * number, or the one a Service selecting the pods forwards that port to.
 */
function probePort(
  manifests: Manifests,
  workload: PlacedWorkload,
  container: PlacedContainer,
  port: number,
): string | number | undefined {
  const ports: any[] = Array.isArray(container.value.ports)
    ? container.value.ports
    : [];
  const asProbePort = (p: any) => (p.name ? String(p.name) : p.containerPort);
  const own = ports.find(p => p?.containerPort === port);
  if (own) {
    return asProbePort(own);
  }
  for (const { object } of manifests.objects) {
    const selector = object.spec?.selector;
    if (
      object.kind !== 'Service' ||
      !sameNamespace(object, workload.object) ||
      typeof selector !== 'object' ||
      selector === null ||
      Object.keys(selector).length === 0 ||
      !Object.entries(selector).every(
        ([key, value]) => workload.podLabels[key] === value,
      )
    ) {
      continue;
    }
    for (const servicePort of object.spec?.ports ?? []) {
      if (servicePort?.port !== port) {
        continue;
      }
      const target = servicePort.targetPort ?? servicePort.port;
      const reached = ports.find(p =>
        typeof target === 'string'
          ? p?.name === target
          : p?.containerPort === target,
      );
      if (reached) {
        return asProbePort(reached);
      }
    }
  }
  return undefined;
}

/**
 * Adds the missing readiness and liveness probes to the containers of
 * serving workloads, as HTTP GETs of the declared health endpoint's path on
 * the container port its port reaches. Without a declared endpoint, or when
 * its port reaches none of a container's ports, nothing is guessed: the fix
 * is refused, saying what is missing.
 */
export const probesFixer: CheckFixer = {
  checkId: 'kubernetes.probes',
  summary:
    'Adds readiness and liveness probes on the declared health endpoint to the containers that lack them.',
  apply(files, context) {
    const manifests = readManifests(files);
    const lacking = manifests.workloads
      .filter(w => w.object.kind !== 'Job' && w.object.kind !== 'CronJob')
      .flatMap(workload =>
        workload.containers
          .filter(c => !c.init && PROBES.some(p => lacksProbe(c.value, p)))
          .map(container => ({ workload, container })),
      );
    const templates = readHelmCharts(files)
      .flatMap(chart => chart.workloadTemplates)
      .filter(t => !PROBES.every(probe => t.text.includes(`${probe}:`)))
      .map(t => t.path);
    const templateNote =
      templates.length > 0
        ? `The Helm templates ${listing(
            templates,
          )} lack probes and are not edited: add them to the template by hand.`
        : undefined;
    if (lacking.length === 0) {
      return templateNote
        ? { changes: [], refused: templateNote }
        : { changes: [] };
    }
    const endpoint = healthEndpoint(context.entity.metadata);
    if (!endpoint) {
      return {
        changes: [],
        refused:
          'No health endpoint is declared (the opsready.io/health-url annotation), so the probes would have to be guessed: declare it, with the port the service listens on, and run the fix again.',
      };
    }
    const unreached = lacking.filter(
      ({ workload, container }) =>
        probePort(manifests, workload, container, endpoint.port) === undefined,
    );
    if (unreached.length > 0) {
      return {
        changes: [],
        refused: `The health endpoint ${endpoint.url} is on port ${
          endpoint.port
        }, which reaches no port of ${listing(
          unreached.map(({ workload, container }) =>
            describeContainer(workload, container),
          ),
        )} (neither a containerPort of that number nor through a Service), so probes for it are not guessed.`,
      };
    }
    const changes: string[] = [];
    for (const { workload, container } of lacking) {
      const port = probePort(manifests, workload, container, endpoint.port)!;
      const httpGet = {
        path: endpoint.path,
        port,
        ...(endpoint.scheme === 'HTTPS' ? { scheme: 'HTTPS' } : {}),
      };
      const added = PROBES.filter(p => lacksProbe(container.value, p));
      addMissing(
        workload.file,
        container.node,
        Object.fromEntries(added.map(probe => [probe, { httpGet }])),
      );
      changes.push(
        `Added ${listing(added.map(p => `a ${p}`))} (GET ${
          endpoint.path
        } on port ${port}) to ${describeContainer(workload, container)}.`,
      );
    }
    writeEdited(files, manifests.files);
    if (templateNote) {
      changes.push(templateNote);
    }
    return { changes };
  },
};
