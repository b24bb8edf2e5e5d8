import { Entity } from '@backstage/catalog-model';
import { evaluatorOf, serviceComponent } from '../testFacts';
import { KubernetesObject } from '../types';

/** Test helper: a service component with the given lifecycle (none if null). */
export function component(lifecycle: string | null = 'production'): Entity {
  const entity = serviceComponent({ spec: { lifecycle } });
  if (lifecycle === null) {
    delete entity.spec!.lifecycle;
  }
  return entity;
}

/**
 * Test helper: a container that meets every Kubernetes check, with fields
 * replaced; a field given as `undefined` is removed.
 */
export function container(overrides: Record<string, unknown> = {}): any {
  const golden: Record<string, unknown> = {
    name: 'server',
    image: 'registry.example.com/cart:1.4.2',
    ports: [{ name: 'http', containerPort: 8080 }],
    readinessProbe: { httpGet: { path: '/readyz', port: 'http' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    },
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    env: [
      {
        name: 'DB_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'cart-db', key: 'password' } },
      },
    ],
  };
  const merged = { ...golden, ...overrides };
  return Object.fromEntries(
    Object.entries(merged).filter(([, value]) => value !== undefined),
  );
}

/** Test helper: what a workload's pod runs and how it is labelled. */
export interface WorkloadShape {
  containers?: any[];
  initContainers?: any[];
  /** Absent by default: Kubernetes then runs one replica. */
  replicas?: number;
  podLabels?: Record<string, string>;
  podSecurityContext?: Record<string, unknown>;
  namespace?: string;
}

/** Test helper: a workload of any kind; CronJobs nest their pod template. */
export function workload(
  kind: string,
  name: string,
  shape: WorkloadShape = {},
): KubernetesObject {
  const labels = shape.podLabels ?? { app: name };
  const template = {
    metadata: { labels },
    spec: {
      ...(shape.podSecurityContext
        ? { securityContext: shape.podSecurityContext }
        : {}),
      ...(shape.initContainers ? { initContainers: shape.initContainers } : {}),
      containers: shape.containers ?? [container()],
    },
  };
  return {
    apiVersion: kind.endsWith('Job') ? 'batch/v1' : 'apps/v1',
    kind,
    metadata: {
      name,
      ...(shape.namespace ? { namespace: shape.namespace } : {}),
    },
    spec:
      kind === 'CronJob'
        ? { schedule: '0 * * * *', jobTemplate: { spec: { template } } }
        : {
            ...(shape.replicas !== undefined
              ? { replicas: shape.replicas }
              : {}),
            selector: { matchLabels: labels },
            template,
          },
  };
}

/** Test helper: a Deployment, by default `cart` with 3 golden replicas. */
export function deployment(
  name = 'cart',
  shape: WorkloadShape = {},
): KubernetesObject {
  return workload('Deployment', name, { replicas: 3, ...shape });
}

/** Test helper: a Service selecting `app: <name>`. */
export function service(
  name = 'cart',
  ports: Array<Record<string, unknown>> = [{ port: 80, targetPort: 'http' }],
  selector: Record<string, string> | undefined = { app: name },
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { ...(selector ? { selector } : {}), ports },
  };
}

/** Test helper: a policy/v1 PodDisruptionBudget with this selector. */
export function pdb(
  name = 'cart',
  selector: Record<string, unknown> = { matchLabels: { app: name } },
  apiVersion = 'policy/v1',
): KubernetesObject {
  return {
    apiVersion,
    kind: 'PodDisruptionBudget',
    metadata: { name },
    spec: { maxUnavailable: 1, selector },
  };
}

/** Test helper: an autoscaler of `Kind/name`, minReplicas left out if undefined. */
export function hpa(
  target: string,
  minReplicas?: number,
  namespace?: string,
): KubernetesObject {
  const [kind, name] = target.split('/');
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind, name },
      ...(minReplicas !== undefined ? { minReplicas } : {}),
      maxReplicas: 10,
    },
  };
}

/** Test helper: the golden workload with everything around it. */
export function goldenObjects(): KubernetesObject[] {
  return [deployment(), service(), pdb()];
}

/** Test helper: evaluates one check on a production service, by default. */
export const evaluate = evaluatorOf('kubernetes');

/** The answer of every Kubernetes check when there is nothing to look at. */
export const NO_WORKLOADS =
  'No Kubernetes workloads were found: no manifests in the repository and none running in a cluster for this entity.';
