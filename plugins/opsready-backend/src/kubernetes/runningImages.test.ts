import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { KubernetesObject } from '@opsready/plugin-opsready-node';
import { startFakeKubernetesApi } from '../__testUtils__/fakeKubernetesApi';
import { startFakeKubernetesBackend } from '../__testUtils__/fakeKubernetesBackend';
import { serviceEntity } from '../__testUtils__/serviceEntity';
import { KubernetesProxyClient } from './KubernetesProxyClient';
import { digestOf, podsResource, RunningImages } from './runningImages';

const hex = (c: string) => c.repeat(64);
const cartLabels = { 'backstage.io/kubernetes-id': 'cartservice' };

/** A pod as the API lists it, its containers and what their statuses say. */
const pod = (
  name: string,
  options: {
    namespace?: string;
    labels?: Record<string, string>;
    owner?: { kind: string; name: string };
    containers: Array<{ name: string; image: string; imageID?: string }>;
  },
): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: options.namespace ?? 'shop',
    labels: options.labels ?? cartLabels,
    ...(options.owner
      ? {
          ownerReferences: [
            { apiVersion: 'apps/v1', controller: true, ...options.owner },
          ],
        }
      : {}),
  },
  spec: {
    containers: options.containers.map(c => ({ name: c.name, image: c.image })),
  },
  status: {
    containerStatuses: options.containers
      .filter(c => c.imageID !== undefined)
      .map(c => ({ name: c.name, image: c.image, imageID: c.imageID })),
  },
});

const rolloutOwner = (hash: string) => ({
  labels: { ...cartLabels, 'pod-template-hash': hash },
  owner: { kind: 'ReplicaSet', name: `cartservice-${hash}` },
});

const clusterObjects = [
  pod('cartservice-7d9f8-a', {
    ...rolloutOwner('7d9f8'),
    containers: [
      {
        name: 'server',
        image: 'registry.example.com/cart:1.4.2',
        imageID: `docker-pullable://registry.example.com/cart@sha256:${hex(
          'a',
        )}`,
      },
      {
        name: 'envoy',
        image: 'envoyproxy/envoy:v1.30',
        imageID: `docker.io/envoyproxy/envoy@sha256:${hex('e')}`,
      },
    ],
  }),
  // Another replica, the same images: listed once.
  pod('cartservice-7d9f8-b', {
    ...rolloutOwner('7d9f8'),
    containers: [
      {
        name: 'server',
        image: 'registry.example.com/cart:1.4.2',
        imageID: `registry.example.com/cart@sha256:${hex('a')}`,
      },
    ],
  }),
  // The tag moved while a rollout was under way: both digests run.
  pod('cartservice-5c6b4-a', {
    ...rolloutOwner('5c6b4'),
    containers: [
      {
        name: 'server',
        image: 'registry.example.com/cart:1.4.2',
        imageID: `sha256:${hex('b')}`,
      },
    ],
  }),
  // Not started yet: no imageID, nothing to pin to.
  pod('cartservice-5c6b4-b', {
    ...rolloutOwner('5c6b4'),
    containers: [{ name: 'server', image: 'registry.example.com/cart:1.5.0' }],
  }),
  // Docker's local image id is no registry digest.
  pod('cartservice-job', {
    owner: { kind: 'Job', name: 'cartservice-migrate' },
    containers: [
      {
        name: 'migrate',
        image: 'registry.example.com/cart-migrate:3',
        imageID: `docker://sha256:${hex('c')}`,
      },
    ],
  }),
  // Someone else's pod, and the service's label in another namespace.
  pod('frontend-1', {
    labels: { 'backstage.io/kubernetes-id': 'frontend' },
    containers: [
      {
        name: 'web',
        image: 'frontend:2',
        imageID: `frontend@sha256:${hex('f')}`,
      },
    ],
  }),
  pod('cartservice-staging', {
    namespace: 'staging',
    containers: [
      {
        name: 'server',
        image: 'registry.example.com/cart:1.6.0-rc1',
        imageID: `cart@sha256:${hex('d')}`,
      },
    ],
  }),
];

const cart = serviceEntity('cartservice', {
  ...cartLabels,
  'backstage.io/kubernetes-namespace': 'shop',
});
const readEntityOf = (entity: Entity) => async () => entity;

describe('digestOf', () => {
  it('keeps the sha256 digest of the forms runtimes report, and nothing else', () => {
    expect(digestOf(`docker-pullable://cart@sha256:${hex('a')}`)).toBe(
      `sha256:${hex('a')}`,
    );
    expect(digestOf(`ghcr.io/acme/cart@sha256:${hex('b')}`)).toBe(
      `sha256:${hex('b')}`,
    );
    expect(digestOf(`sha256:${hex('c')}`)).toBe(`sha256:${hex('c')}`);
    expect(digestOf(`docker://sha256:${hex('c')}`)).toBeUndefined();
    expect(digestOf('')).toBeUndefined();
    expect(digestOf(undefined)).toBeUndefined();
    expect(digestOf('cart@sha256:abc')).toBeUndefined();
  });
});

describe('podsResource', () => {
  it("asks for the entity's pods only, in its namespace when it names one", () => {
    expect(
      podsResource({
        labels: { app: 'cart', tier: 'web' },
        namespace: 'shop',
      }).path,
    ).toBe(
      '/api/v1/namespaces/shop/pods?labelSelector=app%3Dcart%2Ctier%3Dweb',
    );
    // A namespace Kubernetes could not have is not put in the path.
    expect(
      podsResource({ labels: { app: 'cart' }, namespace: '../secrets' }).path,
    ).toBe('/api/v1/pods?labelSelector=app%3Dcart');
  });
});

describe('RunningImages through the Kubernetes backend proxy', () => {
  it("lists each image the entity's pods run with its digest, once, with cluster and workload", async () => {
    const cluster = await startFakeKubernetesApi(clusterObjects);
    const kubernetes = await startFakeKubernetesBackend(cluster.url);
    try {
      const images = new RunningImages({
        client: new KubernetesProxyClient({
          discovery: kubernetes.discovery,
          auth: mockServices.auth(),
        }),
        logger: mockServices.logger.mock(),
        readEntity: readEntityOf(cart),
      });

      expect(
        await images.list(
          'component:default/cartservice',
          mockCredentials.user(),
        ),
      ).toEqual([
        {
          image: 'envoyproxy/envoy:v1.30',
          digest: `sha256:${hex('e')}`,
          cluster: 'demo',
          workload: 'Deployment/cartservice',
        },
        {
          image: 'registry.example.com/cart:1.4.2',
          digest: `sha256:${hex('a')}`,
          cluster: 'demo',
          workload: 'Deployment/cartservice',
        },
        {
          image: 'registry.example.com/cart:1.4.2',
          digest: `sha256:${hex('b')}`,
          cluster: 'demo',
          workload: 'Deployment/cartservice',
        },
      ]);
      expect(cluster.requests).toEqual(['/api/v1/namespaces/shop/pods']);
    } finally {
      await cluster.stop();
      await kubernetes.stop();
    }
  });

  it('names the owner as it is when it is no Deployment', async () => {
    const images = new RunningImages({
      client: {
        listEverywhere: async () => ({
          clusters: ['eu-1'],
          failures: [],
          objects: [
            {
              ...pod('cartservice-0', {
                owner: { kind: 'StatefulSet', name: 'cartservice' },
                containers: [
                  {
                    name: 'server',
                    image: 'cart:7',
                    imageID: `cart@sha256:${hex('7')}`,
                  },
                ],
              }),
              cluster: 'eu-1',
            },
            {
              ...pod('cartservice-debug', {
                containers: [
                  {
                    name: 'shell',
                    image: 'busybox:1.36',
                    imageID: `busybox@sha256:${hex('9')}`,
                  },
                ],
              }),
              cluster: 'eu-1',
            },
          ],
        }),
      },
      logger: mockServices.logger.mock(),
      readEntity: readEntityOf(cart),
    });
    expect(await images.list('cartservice', mockCredentials.user())).toEqual([
      {
        image: 'busybox:1.36',
        digest: `sha256:${hex('9')}`,
        cluster: 'eu-1',
      },
      {
        image: 'cart:7',
        digest: `sha256:${hex('7')}`,
        cluster: 'eu-1',
        workload: 'StatefulSet/cartservice',
      },
    ]);
  });

  it('lists none, without asking, when Kubernetes is not configured or the entity names no selector', async () => {
    const listEverywhere = jest.fn();
    const unconfigured = new RunningImages({
      logger: mockServices.logger.mock(),
      readEntity: readEntityOf(cart),
    });
    expect(
      await unconfigured.list('cartservice', mockCredentials.user()),
    ).toEqual([]);
    const unlinked = new RunningImages({
      client: { listEverywhere },
      logger: mockServices.logger.mock(),
      readEntity: readEntityOf(serviceEntity('docs-site', {})),
    });
    expect(await unlinked.list('docs-site', mockCredentials.user())).toEqual(
      [],
    );
    expect(listEverywhere).not.toHaveBeenCalled();
  });

  it('lists none and says why when the cluster does not answer', async () => {
    const cluster = await startFakeKubernetesApi(clusterObjects);
    const kubernetes = await startFakeKubernetesBackend(cluster.url);
    await cluster.stop();
    const logger = mockServices.logger.mock();
    try {
      const images = new RunningImages({
        client: new KubernetesProxyClient({
          discovery: kubernetes.discovery,
          auth: mockServices.auth(),
        }),
        logger,
        readEntity: readEntityOf(cart),
      });
      expect(await images.list('cartservice', mockCredentials.user())).toEqual(
        [],
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Could not list the pods of cartservice in some clusters: Error: cluster demo answered 500/,
        ),
      );
    } finally {
      await kubernetes.stop();
    }
  });
});
