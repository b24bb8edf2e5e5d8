import http from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeObject } from './cluster';

/** The resources the demo answers for, by API group/version and plural. */
const RESOURCES: Array<{ apiVersion: string; plural: string; kind: string }> = [
  { apiVersion: 'v1', plural: 'pods', kind: 'Pod' },
  { apiVersion: 'v1', plural: 'services', kind: 'Service' },
  { apiVersion: 'v1', plural: 'configmaps', kind: 'ConfigMap' },
  { apiVersion: 'v1', plural: 'limitranges', kind: 'LimitRange' },
  { apiVersion: 'v1', plural: 'resourcequotas', kind: 'ResourceQuota' },
  { apiVersion: 'v1', plural: 'events', kind: 'Event' },
  { apiVersion: 'apps/v1', plural: 'deployments', kind: 'Deployment' },
  { apiVersion: 'apps/v1', plural: 'replicasets', kind: 'ReplicaSet' },
  { apiVersion: 'apps/v1', plural: 'statefulsets', kind: 'StatefulSet' },
  { apiVersion: 'apps/v1', plural: 'daemonsets', kind: 'DaemonSet' },
  {
    apiVersion: 'autoscaling/v2',
    plural: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
  },
  {
    apiVersion: 'autoscaling/v1',
    plural: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
  },
  {
    apiVersion: 'policy/v1',
    plural: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
  },
  { apiVersion: 'batch/v1', plural: 'jobs', kind: 'Job' },
  { apiVersion: 'batch/v1', plural: 'cronjobs', kind: 'CronJob' },
  { apiVersion: 'networking.k8s.io/v1', plural: 'ingresses', kind: 'Ingress' },
];

const PATH =
  /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))(?:\/namespaces\/([^/]+))?\/([a-z]+)(?:\/([^/]+))?$/;

type Requirement = (labels: Record<string, string>) => boolean;

/**
 * Parses a label selector as kubectl and the API take it: `a=b`, `a==b`,
 * `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x,y)`, comma-separated.
 */
export function parseLabelSelector(selector: string): Requirement[] {
  const parts = selector.match(/[^,(]+(?:\([^)]*\))?/g) ?? [];
  return parts
    .map(part => part.trim())
    .filter(Boolean)
    .map(part => {
      let m = part.match(/^(\S+?)\s+(in|notin)\s+\(([^)]*)\)$/);
      if (m) {
        const [, key, op, list] = m;
        const values = new Set(list.split(',').map(v => v.trim()));
        return op === 'in'
          ? labels => key in labels && values.has(labels[key])
          : labels => !(key in labels) || !values.has(labels[key]);
      }
      m = part.match(/^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/);
      if (m) {
        const [, key, op, value] = m;
        return op === '!='
          ? labels => labels[key] !== value
          : labels => labels[key] === value;
      }
      if (part.startsWith('!')) {
        const key = part.slice(1);
        return labels => !(key in labels);
      }
      return labels => part in labels;
    });
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function notFound(res: http.ServerResponse, what: string) {
  send(res, 404, {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message: `${what} not found`,
    reason: 'NotFound',
    code: 404,
  });
}

/**
 * A loopback server that answers the read side of the Kubernetes API for a
 * fixed set of objects, as a cluster does: lists (`{ kind: PodList, items }`,
 * items without kind and apiVersion) across the cluster or one namespace,
 * filtered by `labelSelector`, and single objects by name. It is what the
 * Kubernetes backend plugin and OpsReady talk to in the local demo, where no
 * cluster can run. Any bearer token is accepted.
 */
export function createKubernetesApiServer(objects: () => KubeObject[]) {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET') {
      send(res, 405, { kind: 'Status', status: 'Failure', code: 405 });
      return;
    }
    if (url.pathname === '/version') {
      send(res, 200, { major: '1', minor: '31', gitVersion: 'v1.31.0-demo' });
      return;
    }
    const match = url.pathname.match(PATH);
    const apiVersion = match?.[1] ?? match?.[2];
    const resource = RESOURCES.find(
      r => r.apiVersion === apiVersion && r.plural === match?.[4],
    );
    if (!match || !resource) {
      notFound(res, url.pathname);
      return;
    }
    const [, , , namespace, , name] = match;
    // autoscaling/v1 and v2 serve the same objects.
    const sameKind = objects().filter(
      o =>
        o.kind === resource.kind &&
        (!namespace || o.metadata.namespace === namespace),
    );
    if (name) {
      const object = sameKind.find(o => o.metadata.name === name);
      if (object) {
        send(res, 200, { ...object, apiVersion: resource.apiVersion });
      } else {
        notFound(res, `${resource.plural} "${name}"`);
      }
      return;
    }
    const requirements = parseLabelSelector(
      url.searchParams.get('labelSelector') ?? '',
    );
    const items = sameKind
      .filter(o => requirements.every(r => r(o.metadata.labels ?? {})))
      .map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest);
    send(res, 200, {
      kind: `${resource.kind}List`,
      apiVersion: resource.apiVersion,
      metadata: { resourceVersion: '1' },
      items,
    });
  });
}

/** Starts the server on 127.0.0.1; port 0 picks a free one. */
export async function startKubernetesApi(
  objects: () => KubeObject[],
  port = 0,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createKubernetesApiServer(objects);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
