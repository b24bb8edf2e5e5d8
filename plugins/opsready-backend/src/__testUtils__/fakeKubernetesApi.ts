import { KubernetesObject } from '@opsready/plugin-opsready-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** Lower-case plural resource names the Kubernetes API uses in paths. */
const PLURALS: Record<string, string> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Service: 'services',
  HorizontalPodAutoscaler: 'horizontalpodautoscalers',
  PodDisruptionBudget: 'poddisruptionbudgets',
  Pod: 'pods',
  ReplicaSet: 'replicasets',
  Job: 'jobs',
};

/**
 * A loopback server that answers list requests of the Kubernetes API the
 * way a cluster does (`{ kind: DeploymentList, items }`, items without kind
 * or apiVersion), for the objects it is given; 404 for anything else. It
 * records the paths asked, so tests can count listings.
 */
export async function startFakeKubernetesApi(objects: KubernetesObject[]) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const match = path.match(
      /^\/(?:api\/v1|apis\/([^/]+\/[^/]+))(?:\/namespaces\/([^/]+))?\/([a-z]+)$/,
    );
    const apiVersion = match ? match[1] ?? 'v1' : undefined;
    const items = objects.filter(
      o =>
        match &&
        o.apiVersion === apiVersion &&
        PLURALS[o.kind] === match[3] &&
        (!match[2] || o.metadata.namespace === match[2]),
    );
    const kind = Object.entries(PLURALS).find(
      ([, p]) => match && p === match[3],
    )?.[0];
    if (!match || !kind) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', status: 'Failure', code: 404 }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: `${kind}List`,
        apiVersion,
        metadata: { resourceVersion: '1' },
        items: items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest),
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
