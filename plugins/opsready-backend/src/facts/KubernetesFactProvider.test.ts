import { mockServices } from '@backstage/backend-test-utils';
import {
  KubernetesObject,
  kubernetesSelectorOf,
} from '@opsready/plugin-opsready-node';
import { startFakeKubernetesApi } from '../__testUtils__/fakeKubernetesApi';
import { startFakeKubernetesBackend } from '../__testUtils__/fakeKubernetesBackend';
import { serviceEntity } from '../__testUtils__/serviceEntity';
import { KubernetesProxyClient } from '../kubernetes/KubernetesProxyClient';
import { KubernetesFactProvider } from './KubernetesFactProvider';

const labelled = (
  kind: string,
  apiVersion: string,
  name: string,
  labels: Record<string, string>,
  extra: object = {},
): KubernetesObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'shop', labels },
  ...extra,
});

const cartId = { 'backstage.io/kubernetes-id': 'cartservice' };
const clusterObjects = [
  labelled('Deployment', 'apps/v1', 'cartservice', cartId, {
    spec: {
      replicas: 2,
      template: {
        spec: { containers: [{ name: 'server', image: 'cart:1.2.3' }] },
      },
    },
  }),
  labelled('Service', 'v1', 'cartservice', cartId, {
    spec: { ports: [{ port: 80 }] },
  }),
  labelled('HorizontalPodAutoscaler', 'autoscaling/v2', 'cartservice', cartId, {
    spec: { minReplicas: 2, maxReplicas: 5 },
  }),
  labelled('Deployment', 'apps/v1', 'frontend', {
    'backstage.io/kubernetes-id': 'frontend',
  }),
];

describe('kubernetesSelectorOf', () => {
  it('reads the kubernetes-id label or an equality label selector, and the namespace', () => {
    expect(
      kubernetesSelectorOf(
        serviceEntity('a', { 'backstage.io/kubernetes-id': 'cart' }),
      ),
    ).toEqual({
      labels: { 'backstage.io/kubernetes-id': 'cart' },
      namespace: undefined,
    });
    expect(
      kubernetesSelectorOf(
        serviceEntity('a', {
          'backstage.io/kubernetes-label-selector': 'app=cart, tier=web',
          'backstage.io/kubernetes-namespace': 'shop',
        }),
      ),
    ).toEqual({ labels: { app: 'cart', tier: 'web' }, namespace: 'shop' });
    expect(kubernetesSelectorOf(serviceEntity('a', {}))).toBeUndefined();
    expect(
      kubernetesSelectorOf(
        serviceEntity('a', {
          'backstage.io/kubernetes-label-selector': 'app!=cart',
        }),
      ),
    ).toBeUndefined();
  });
});

describe("KubernetesFactProvider through the Kubernetes backend's proxy", () => {
  it("gives each entity its live objects, listing the cluster once for a sweep's batches", async () => {
    const cluster = await startFakeKubernetesApi(clusterObjects);
    const kubernetes = await startFakeKubernetesBackend(cluster.url);
    try {
      const { discovery } = kubernetes;
      const provider = new KubernetesFactProvider({
        client: new KubernetesProxyClient({
          discovery,
          auth: mockServices.auth(),
        }),
        logger: mockServices.logger.mock(),
      });
      const cart = serviceEntity('cartservice', {
        'backstage.io/kubernetes-id': 'cartservice',
      });
      const unlinked = serviceEntity('docs-site', {});

      const facts = await provider.gather([cart, unlinked]);
      const live = facts.get('component:default/cartservice')?.kubernetes?.live;
      expect(
        live?.map(o => `${o.apiVersion} ${o.kind}/${o.metadata.name}`).sort(),
      ).toEqual([
        'apps/v1 Deployment/cartservice',
        'autoscaling/v2 HorizontalPodAutoscaler/cartservice',
        'v1 Service/cartservice',
      ]);
      expect(live?.find(o => o.kind === 'Deployment')?.spec.replicas).toBe(2);
      // An entity without Kubernetes annotations gets no Kubernetes facts.
      expect(facts.has('component:default/docs-site')).toBe(false);

      const listingsAfterFirstBatch = cluster.requests.length;
      await provider.gather([
        serviceEntity('frontend', { 'backstage.io/kubernetes-id': 'frontend' }),
      ]);
      expect(cluster.requests.length).toBe(listingsAfterFirstBatch);
      expect(
        cluster.requests.filter(p => p === '/apis/apps/v1/deployments'),
      ).toHaveLength(1);
      // Every call names the cluster and carries a Backstage service token.
      const proxied = kubernetes.requests.filter(r =>
        r.path.includes('/proxy/'),
      );
      expect(proxied.every(r => r.cluster === 'demo')).toBe(true);
      expect(proxied.every(r => r.authorization?.startsWith('Bearer '))).toBe(
        true,
      );
    } finally {
      await cluster.stop();
      await kubernetes.stop();
    }
  });

  it('gives no live facts, rather than partial ones, when a cluster cannot be listed', async () => {
    const cluster = await startFakeKubernetesApi(clusterObjects);
    const kubernetes = await startFakeKubernetesBackend(cluster.url);
    const { discovery } = kubernetes;
    await cluster.stop();
    const logger = mockServices.logger.mock();
    const provider = new KubernetesFactProvider({
      client: new KubernetesProxyClient({
        discovery,
        auth: mockServices.auth(),
      }),
      logger,
    });
    const facts = await provider.gather([
      serviceEntity('cartservice', {
        'backstage.io/kubernetes-id': 'cartservice',
      }),
    ]);
    await kubernetes.stop();
    expect(facts.size).toBe(0);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not list the Kubernetes clusters: Error: cluster demo answered 500 for \/api/,
      ),
    );
  });
});
