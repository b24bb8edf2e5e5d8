import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * Stands in for the Kubernetes backend plugin's HTTP API as OpsReady uses
 * it: GET /clusters, and /proxy/* forwarded to the cluster named in the
 * Backstage-Kubernetes-Cluster header. (The real plugin loads its
 * Kubernetes client with a dynamic ESM import that Jest cannot run; the
 * local demo exercises the real plugin.)
 */
export async function startFakeKubernetesBackend(clusterUrl: string) {
  const requests: Array<{
    path: string;
    cluster?: string;
    authorization?: string;
  }> = [];
  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const cluster = req.headers['backstage-kubernetes-cluster'] as
      | string
      | undefined;
    requests.push({ path, cluster, authorization: req.headers.authorization });
    if (path === '/api/kubernetes/clusters') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          items: [{ name: 'demo', authProvider: 'serviceAccount' }],
        }),
      );
      return;
    }
    if (path.startsWith('/api/kubernetes/proxy/') && cluster === 'demo') {
      try {
        const upstream = await fetch(
          `${clusterUrl}${path.slice('/api/kubernetes/proxy'.length)}`,
        );
        res.writeHead(upstream.status, { 'Content-Type': 'application/json' });
        res.end(await upstream.text());
      } catch (error) {
        // What the real proxy answers when the cluster does not.
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({ error: { name: 'Error', message: String(error) } }),
        );
      }
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/api`;
  return {
    requests,
    discovery: {
      getBaseUrl: async (pluginId: string) => `${baseUrl}/${pluginId}`,
      getExternalBaseUrl: async (pluginId: string) => `${baseUrl}/${pluginId}`,
    },
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
