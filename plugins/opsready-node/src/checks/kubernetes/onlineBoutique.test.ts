import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateChecks } from '../evaluateChecks';
import {
  CheckResult,
  defaultCheckOptions,
  KubernetesFacts,
  KubernetesObject,
} from '../types';
import { kubernetesChecks, parseKubernetesManifests } from '.';
import { component } from './testFacts';

// Google's Online Boutique manifests, as released (see __fixtures__/README.md),
// read as a repository's manifests would be.
const manifests = parseKubernetesManifests(
  readFileSync(
    resolve(__dirname, '../../__fixtures__/kubernetes/microservices-demo.yaml'),
    'utf8',
  ),
);

const SERVICES = [
  'frontend',
  'adservice',
  'currencyservice',
  'cartservice',
  'redis-cart',
  'loadgenerator',
  'recommendationservice',
  'checkoutservice',
  'emailservice',
  'paymentservice',
  'shippingservice',
  'productcatalogservice',
];

function evaluate(
  kubernetes: KubernetesFacts,
  lifecycle = 'production',
): Record<string, CheckResult> {
  const results = evaluateChecks(
    kubernetesChecks,
    { entity: component(lifecycle), kubernetes },
    { now: new Date('2026-11-22T12:00:00Z'), options: defaultCheckOptions },
  );
  return Object.fromEntries(results.map(r => [r.checkId, r]));
}

const offenders = (result: CheckResult) =>
  (result.evidence?.offences as any[]).map(o =>
    o.container ? `${o.object} ${o.container}` : o.object,
  );

const named = (kind: string) =>
  manifests.filter(o => o.kind === kind).map(o => o.metadata.name);

const containerOf = (deployment: string) =>
  manifests.find(o => o.kind === 'Deployment' && o.metadata.name === deployment)
    ?.spec.template.spec.containers[0];

describe('the Kubernetes checks on the Online Boutique manifests', () => {
  const results = evaluate({ declared: manifests });

  it('reads the twelve Deployments, their twelve Services and eleven ServiceAccounts', () => {
    expect(named('Deployment')).toEqual(SERVICES);
    expect(named('Service')).toEqual([
      'frontend',
      'frontend-external',
      ...SERVICES.filter(s => s !== 'frontend' && s !== 'loadgenerator'),
    ]);
    // redis-cart runs under the default service account.
    expect(named('ServiceAccount')).toEqual(
      SERVICES.filter(s => s !== 'redis-cart'),
    );
    expect(manifests).toHaveLength(35);
  });

  it('finds the load generator the one workload without probes, HTTP, gRPC and TCP probes all counting', () => {
    const handler = (name: string) =>
      ['httpGet', 'grpc', 'tcpSocket', 'exec'].find(
        h => containerOf(name)?.readinessProbe?.[h],
      ) ?? 'none';
    expect(Object.fromEntries(SERVICES.map(s => [s, handler(s)]))).toEqual({
      frontend: 'httpGet',
      adservice: 'grpc',
      currencyservice: 'grpc',
      cartservice: 'grpc',
      'redis-cart': 'tcpSocket',
      loadgenerator: 'none',
      recommendationservice: 'grpc',
      checkoutservice: 'grpc',
      emailservice: 'grpc',
      paymentservice: 'grpc',
      shippingservice: 'grpc',
      productcatalogservice: 'grpc',
    });
    expect(results['kubernetes.probes']).toMatchObject({
      status: 'fail',
      message:
        'Deployment/loadgenerator container main in the manifests has no readinessProbe and no livenessProbe.',
      evidence: { checked: 12 },
    });
    // Its init container frontend-check has no probes either, and needs none.
    expect(offenders(results['kubernetes.probes'])).toEqual([
      'Deployment/loadgenerator main',
    ]);
  });

  it("finds CPU and memory requests and limits on the twelve app containers, and none on the load generator's init container", () => {
    const resources = results['kubernetes.resources'];
    expect(resources.status).toBe('fail');
    expect(resources.message).toBe(
      'Deployment/loadgenerator init container frontend-check in the manifests sets no requests.cpu, requests.memory, limits.cpu, limits.memory.',
    );
    expect(resources.evidence).toMatchObject({
      checked: 13,
      offences: [
        {
          object: 'Deployment/loadgenerator',
          container: 'frontend-check',
          initContainer: true,
        },
      ],
    });
  });

  it('finds no redundancy for production: every Deployment runs one replica, with no autoscaler', () => {
    const replicas = results['kubernetes.replicas'];
    expect(replicas.status).toBe('fail');
    expect(replicas.message).toBe(
      'Deployment/frontend in the manifests runs 1 replica and has no autoscaler; Deployment/adservice in the manifests runs 1 replica and has no autoscaler; Deployment/currencyservice in the manifests runs 1 replica and has no autoscaler (and 9 more).',
    );
    expect(offenders(replicas)).toEqual(SERVICES.map(s => `Deployment/${s}`));
    expect(
      new Set((replicas.evidence?.offences as any[]).map(o => o.problem)),
    ).toEqual(new Set(['runs 1 replica and has no autoscaler']));
    // Only the load generator says `replicas: 1`; the others leave it out.
    expect(
      manifests
        .filter(o => o.kind === 'Deployment' && o.spec.replicas !== undefined)
        .map(o => [o.metadata.name, o.spec.replicas]),
    ).toEqual([['loadgenerator', 1]]);
    expect(named('HorizontalPodAutoscaler')).toEqual([]);
  });

  it('finds no PodDisruptionBudget for any of the twelve Deployments', () => {
    const pdb = results['kubernetes.pdb'];
    expect(pdb.status).toBe('fail');
    expect(pdb.message).toMatch(
      /^Deployment\/frontend in the manifests has no PodDisruptionBudget selecting its pods \(app=frontend\);.* \(and 9 more\)\.$/,
    );
    expect(offenders(pdb)).toEqual(SERVICES.map(s => `Deployment/${s}`));
  });

  it('finds every image pinned, redis:alpine warning as a tag that moves', () => {
    expect(results['kubernetes.image-pinned']).toEqual({
      checkId: 'kubernetes.image-pinned',
      status: 'warn',
      message:
        'Every image has a tag, but Deployment/redis-cart container redis in the manifests uses redis:alpine, a tag that moves with each release.',
      evidence: {
        // Twelve containers and the load generator's init container.
        checked: 13,
        sides: ['declared'],
        floating: [
          {
            side: 'declared',
            object: 'Deployment/redis-cart',
            container: 'redis',
            problem: 'uses redis:alpine, a tag that moves with each release',
          },
        ],
      },
    });
    // The others: the project's own images at v0.10.6, busybox by digest.
    const images = manifests.flatMap(o =>
      o.kind === 'Deployment'
        ? [
            ...(o.spec.template.spec.initContainers ?? []),
            ...o.spec.template.spec.containers,
          ].map((c: any) => c.image)
        : [],
    );
    expect(
      images.filter(
        i =>
          !/^us-central1-docker\.pkg\.dev\/online-boutique-ci\/microservices-demo\/[a-z]+:v0\.10\.6$/.test(
            i,
          ),
      ),
    ).toEqual([
      'redis:alpine',
      'busybox:1.38.0@sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d',
    ]);
  });

  it('finds the restricted security context on every container, runAsNonRoot coming from the pods', () => {
    expect(results['kubernetes.security-context']).toMatchObject({
      status: 'pass',
      evidence: { checked: 13 },
    });
    // No container sets runAsNonRoot itself: without the pod-level
    // fallback every one of them would fail.
    const containers = manifests.flatMap(o =>
      o.kind === 'Deployment' ? o.spec.template.spec.containers : [],
    );
    expect(
      containers.filter((c: any) => 'runAsNonRoot' in c.securityContext),
    ).toEqual([]);
  });

  it('finds no secret in plain env', () => {
    expect(results['kubernetes.no-literal-secrets']).toMatchObject({
      status: 'pass',
      message: 'No container sets a password, token or key as a literal value.',
    });
  });

  it('finds that the load generator declares no port, and that every Service targets a declared one', () => {
    expect(results['kubernetes.ports']).toEqual({
      checkId: 'kubernetes.ports',
      status: 'fail',
      message:
        'Deployment/loadgenerator container main in the manifests declares no containerPort.',
      evidence: {
        offences: [
          {
            side: 'declared',
            object: 'Deployment/loadgenerator',
            container: 'main',
            problem: 'declares no containerPort',
          },
        ],
        // Twelve containers and twelve Services, frontend-external included.
        checked: 24,
        sides: ['declared'],
      },
    });
    // emailservice is the one Service whose port differs from its target.
    const email = manifests.find(
      o => o.kind === 'Service' && o.metadata.name === 'emailservice',
    );
    expect(email?.spec.ports).toEqual([
      { name: 'grpc', port: 5000, targetPort: 8080 },
    ]);
    expect(containerOf('emailservice').ports).toEqual([
      { containerPort: 8080 },
    ]);
  });

  it('cannot judge drift from the manifests alone', () => {
    expect(results['kubernetes.drift'].status).toBe('unknown');
  });

  it('does not hold an experimental deployment of it to production redundancy', () => {
    const experimental = evaluate({ declared: manifests }, 'experimental');
    expect(experimental['kubernetes.replicas'].status).toBe('not-applicable');
    expect(experimental['kubernetes.pdb'].status).toBe('not-applicable');
    expect(experimental['kubernetes.probes'].status).toBe('fail');
  });

  describe('when the same manifests run in a cluster', () => {
    const running = (edit?: (objects: KubernetesObject[]) => void) => {
      const live: KubernetesObject[] = JSON.parse(JSON.stringify(manifests));
      edit?.(live);
      return evaluate({ declared: manifests, live });
    };

    it('finds no drift, and says each problem once for both sides', () => {
      const bothSides = running();
      expect(bothSides['kubernetes.drift']).toMatchObject({
        status: 'pass',
        message:
          'All 12 workloads found both in the manifests and in the cluster run the same images, replicas and probes.',
      });
      expect(bothSides['kubernetes.probes'].message).toBe(
        'Deployment/loadgenerator container main in the manifests and in the cluster has no readinessProbe and no livenessProbe.',
      );
    });

    it('warns when someone scaled the frontend and swapped its image by hand', () => {
      const drifted = running(live => {
        const frontend = live.find(o => o.metadata.name === 'frontend')!;
        frontend.spec.replicas = 3;
        frontend.spec.template.spec.containers[0].image =
          'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend:v0.10.7';
      });
      expect(drifted['kubernetes.drift']).toMatchObject({
        status: 'warn',
        message:
          'The cluster differs from the manifests: Deployment/frontend container server runs us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend:v0.10.7 where the manifests say us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend:v0.10.6; Deployment/frontend runs 3 replicas where the manifests say 1.',
      });
      // Three replicas in the cluster: the frontend is redundant there only.
      expect(
        (drifted['kubernetes.replicas'].evidence?.offences as any[]).filter(
          o => o.object === 'Deployment/frontend',
        ),
      ).toEqual([
        {
          side: 'declared',
          object: 'Deployment/frontend',
          problem: 'runs 1 replica and has no autoscaler',
        },
      ]);
    });
  });
});
