import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubernetesObject } from '@opsready/plugin-opsready-node';
import { startFakeKubernetesApi } from '../__testUtils__/fakeKubernetesApi';
import { startFakeKubernetesBackend } from '../__testUtils__/fakeKubernetesBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createTestEventsService } from '../__testUtils__/eventsService';
import { cart, deployment } from '../__testUtils__/eventInputs';
import { readKubernetesConfig } from '../config/readKubernetesConfig';
import { KubernetesCollector, KUBERNETES_SOURCE } from './KubernetesCollector';
import { KubernetesProxyClient } from './KubernetesProxyClient';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const DAY = 24 * 3600_000;
const now = new Date('2026-12-01T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY).toISOString();

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'cartservice',
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': 'cartservice' },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'docs-site', namespace: 'default' },
    spec: { type: 'website', owner: 'team-a', lifecycle: 'production' },
  },
];

const labels = {
  app: 'cartservice',
  'backstage.io/kubernetes-id': 'cartservice',
};

const replicaSet = (
  name: string,
  tag: string,
  createdDaysAgo: number,
  revision: number,
) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name,
    namespace: 'shop',
    labels,
    creationTimestamp: daysAgo(createdDaysAgo),
    annotations: { 'deployment.kubernetes.io/revision': String(revision) },
    ownerReferences: [
      { kind: 'Deployment', name: 'cartservice', uid: 'c0ffee00-1' },
    ],
  },
  spec: {
    template: {
      spec: { containers: [{ name: 'server', image: `cart:${tag}` }] },
    },
  },
});

const crashLooping = {
  name: 'server',
  ready: false,
  restartCount: 9,
  state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } },
  lastState: {
    terminated: {
      reason: 'Error',
      exitCode: 1,
      finishedAt: new Date(now.getTime() - 5 * 60_000).toISOString(),
    },
  },
};

const runningFine = {
  name: 'server',
  ready: true,
  restartCount: 0,
  state: { running: { startedAt: daysAgo(1) } },
};

/** The cart's objects: two rollouts, and a pod in the given state. */
function cluster(container: object): KubernetesObject[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'cartservice',
        namespace: 'shop',
        uid: 'c0ffee00-1',
        labels,
        annotations: { 'deployment.kubernetes.io/revision': '2' },
      },
      status: {
        conditions: [
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            lastUpdateTime: daysAgo(1.99),
          },
        ],
      },
    },
    replicaSet('cartservice-aaa', 'v1.0.0', 10, 1),
    replicaSet('cartservice-bbb', 'v1.1.0', 2, 2),
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'cartservice-bbb-x1',
        namespace: 'shop',
        labels,
        ownerReferences: [
          { kind: 'ReplicaSet', name: 'cartservice-bbb', uid: 'r2' },
        ],
      },
      status: { phase: 'Running', containerStatuses: [container] },
    },
  ];
}

async function setUp(databaseId: TestDatabaseId) {
  const { stores, events } = await createTestEventsService(
    await databases.init(databaseId),
    { now: () => now },
  );
  const objects = cluster(crashLooping);
  const api = await startFakeKubernetesApi(objects);
  const kubernetes = await startFakeKubernetesBackend(api.url);
  const logger = mockServices.logger.mock();
  const collector = new KubernetesCollector({
    client: new KubernetesProxyClient({
      discovery: kubernetes.discovery,
      auth: mockServices.auth(),
      // Every sweep of the test reads the cluster anew.
      cacheTtlMs: 0,
    }),
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    ingest: events,
    store: stores.deployments,
    scheduler: mockServices.scheduler.mock(),
    logger,
    config: readKubernetesConfig(
      new ConfigReader({
        kubernetes: {},
        opsready: { kubernetes: { environments: { demo: 'production' } } },
      }),
    ),
    now: () => now,
  });
  /** Puts the cart's pod in another state, as the cluster would report it. */
  const setPod = (container: object) => {
    objects.splice(0, objects.length, ...cluster(container));
  };
  const deployments = async () =>
    (await stores.deployments.listDeployments(cart, {}, { limit: 100 })).items
      .map(d => `${d.source} ${d.version} ${d.status}`)
      .sort();
  const errors = async () =>
    (await stores.errors.listErrors(cart, {}, { limit: 100 })).items;
  return {
    events,
    collector,
    setPod,
    deployments,
    errors,
    logger,
    api,
    stop: async () => {
      await api.stop().catch(() => {});
      await kubernetes.stop();
    },
  };
}

const ciDeployment = (version: string, startedAt: string) =>
  deployment(`ci-${version}`, startedAt, { version, finishedAt: startedAt });

describe.each(databases.eachSupportedId())(
  'KubernetesCollector (%s)',
  databaseId => {
    it("records rollouts CI did not report, leaves CI's alone, and withdraws ours when CI reports late", async () => {
      const t = await setUp(databaseId);
      try {
        // CI reported v1.0.0 a few minutes before its ReplicaSet was created.
        await t.events.recordDeployments([
          ciDeployment(
            '1.0.0',
            new Date(Date.parse(daysAgo(10)) - 3 * 60_000).toISOString(),
          ),
        ]);

        const first = await t.collector.run();
        expect(first).toMatchObject({
          entities: 1,
          clusters: 1,
          rollouts: 1,
          merged: 1,
        });
        expect(await t.deployments()).toEqual([
          'api 1.0.0 succeeded',
          'kubernetes v1.1.0 succeeded',
        ]);
        // Seeing the same cluster again adds nothing, and writes nothing.
        expect(await t.collector.run()).toMatchObject({
          rollouts: 0,
          merged: 1,
        });
        expect(await t.deployments()).toEqual([
          'api 1.0.0 succeeded',
          'kubernetes v1.1.0 succeeded',
        ]);

        // CI's report of v1.1.0 arrives after the collector saw the rollout.
        await t.events.recordDeployments([
          ciDeployment('1.1.0', daysAgo(2.01)),
        ]);
        await t.collector.run();
        expect(await t.deployments()).toEqual([
          'api 1.0.0 succeeded',
          'api 1.1.0 succeeded',
        ]);
      } finally {
        await t.stop();
      }
    });

    it('opens an error for a crash-looping pod, sees it again while it lasts, and resolves it when the pod recovers', async () => {
      const t = await setUp(databaseId);
      try {
        await t.collector.run();
        let [error] = await t.errors();
        expect(error).toMatchObject({
          environment: 'production',
          code: 'CrashLoopBackOff',
          severity: 'high',
          category: 'configuration',
          source: KUBERNETES_SOURCE,
          status: 'open',
          count: 1,
        });
        expect(error.message).toContain('Deployment shop/cartservice');
        expect(error.message).toContain('in cluster demo');
        expect(error.firstSeenAt).toBe(
          new Date(now.getTime() - 5 * 60_000).toISOString(),
        );

        await t.collector.run();
        const errors = await t.errors();
        expect(errors).toHaveLength(1);
        [error] = errors;
        expect(error).toMatchObject({ status: 'open', count: 2 });
        expect(error.lastSeenAt).toBe(now.toISOString());

        t.setPod(runningFine);
        const outcome = await t.collector.run();
        expect(outcome.errorsResolved).toBe(1);
        [error] = await t.errors();
        expect(error).toMatchObject({
          status: 'resolved',
          resolvedBy: KUBERNETES_SOURCE,
        });
        expect(error.resolvedAt).toBe(now.toISOString());
      } finally {
        await t.stop();
      }
    });

    it('resolves nothing of a cluster it cannot read', async () => {
      const t = await setUp(databaseId);
      try {
        await t.collector.run();
        await t.api.stop();
        const outcome = await t.collector.run();
        expect(outcome).toMatchObject({ clusters: 0, errorsResolved: 0 });
        const [error] = await t.errors();
        expect(error.status).toBe('open');
        expect(t.logger.warn).toHaveBeenCalledWith(
          expect.stringMatching(
            /^OpsReady could not read cluster demo; its deployments and errors are left as they were/,
          ),
        );
      } finally {
        await t.stop();
      }
    });
  },
);
