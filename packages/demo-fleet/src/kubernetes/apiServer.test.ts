import { startKubernetesApi, parseLabelSelector } from './apiServer';
import { demoCluster } from './cluster';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('the demo Kubernetes API', () => {
  let api: Awaited<ReturnType<typeof startKubernetesApi>>;
  beforeAll(async () => {
    const objects = demoCluster(NOW);
    api = await startKubernetesApi(() => objects);
  });
  afterAll(() => api.close());

  const get = async (path: string) => {
    const response = await fetch(`${api.url}${path}`, {
      headers: { Authorization: 'Bearer demo' },
    });
    return { status: response.status, body: await response.json() };
  };

  it('lists a service’s pods by the label the Kubernetes plugin selects on', async () => {
    const { status, body } = await get(
      `/api/v1/pods?labelSelector=${encodeURIComponent(
        'backstage.io/kubernetes-id=frontend',
      )}`,
    );
    expect(status).toBe(200);
    expect(body.kind).toBe('PodList');
    expect(body.items).toHaveLength(3);
    expect(body.items[0].kind).toBeUndefined();
    expect(body.items[0].metadata.labels['backstage.io/kubernetes-id']).toBe(
      'frontend',
    );
  });

  it('answers per namespace and per name, and 404 for what it does not have', async () => {
    const inNamespace = await get(
      '/apis/apps/v1/namespaces/boutique/deployments',
    );
    expect(inNamespace.body.items.map((d: any) => d.metadata.name)).toContain(
      'checkoutservice',
    );
    expect(
      (await get('/apis/apps/v1/namespaces/other/deployments')).body.items,
    ).toEqual([]);
    const one = await get(
      '/apis/apps/v1/namespaces/boutique/deployments/cartservice',
    );
    expect(one.body).toMatchObject({
      kind: 'Deployment',
      metadata: { name: 'cartservice' },
    });
    expect(
      (await get('/apis/apps/v1/namespaces/boutique/deployments/nope')).status,
    ).toBe(404);
    expect((await get('/apis/unknown.io/v1/widgets')).status).toBe(404);
  });

  it('shows the crash-looping payment service and the OOM-killed cart service', async () => {
    const pods = (await get('/api/v1/namespaces/boutique/pods')).body.items;
    const payment = pods.find((p: any) =>
      p.metadata.name.startsWith('paymentservice-'),
    );
    expect(payment.status.containerStatuses[0].state.waiting.reason).toBe(
      'CrashLoopBackOff',
    );
    const cart = pods.find((p: any) =>
      p.metadata.name.startsWith('cartservice-'),
    );
    expect(cart.status.containerStatuses[0].lastState.terminated).toMatchObject(
      {
        reason: 'OOMKilled',
        exitCode: 137,
      },
    );
  });

  it('keeps each deployment’s rollout history as ReplicaSet revisions', async () => {
    const sets = (
      await get(
        `/apis/apps/v1/replicasets?labelSelector=${encodeURIComponent(
          'backstage.io/kubernetes-id=checkoutservice',
        )}`,
      )
    ).body.items;
    const history = sets
      .map((s: any) => ({
        revision: Number(
          s.metadata.annotations['deployment.kubernetes.io/revision'],
        ),
        earlier:
          s.metadata.annotations['deployment.kubernetes.io/revision-history'],
        image: s.spec.template.spec.containers[0].image.split(':').pop(),
        replicas: s.spec.replicas,
      }))
      .sort((a: any, b: any) => a.revision - b.revision);
    // Rolled back to v0.10.5 after v0.10.6: as in a real cluster, v0.10.5's
    // ReplicaSet was reused as revision 4 and remembers it was revision 2;
    // only it runs.
    expect(history).toEqual([
      { revision: 1, earlier: undefined, image: 'v0.10.4', replicas: 0 },
      { revision: 3, earlier: undefined, image: 'v0.10.6', replicas: 0 },
      { revision: 4, earlier: '2', image: 'v0.10.5', replicas: 1 },
    ]);
  });
});

describe('parseLabelSelector', () => {
  const matches = (selector: string, labels: Record<string, string>) =>
    parseLabelSelector(selector).every(requirement => requirement(labels));

  it('takes the selector forms kubectl sends', () => {
    const labels = { app: 'cart', tier: 'backend' };
    expect(matches('app=cart', labels)).toBe(true);
    expect(matches('app==cart,tier=backend', labels)).toBe(true);
    expect(matches('app!=cart', labels)).toBe(false);
    expect(matches('app in (cart, checkout)', labels)).toBe(true);
    expect(matches('tier notin (backend)', labels)).toBe(false);
    expect(matches('app', labels)).toBe(true);
    expect(matches('!canary', labels)).toBe(true);
    expect(matches('!app', labels)).toBe(false);
    expect(matches('', labels)).toBe(true);
  });
});
