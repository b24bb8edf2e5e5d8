import yaml from 'yaml';
import { TIER_PRESETS } from './tierPresets';
import {
  commonLabels,
  pascalCase,
  selectorLabels,
  WorkloadSpec,
} from './workloadSpec';

function metadata(spec: WorkloadSpec, name = spec.name) {
  return {
    name,
    ...(spec.namespace ? { namespace: spec.namespace } : {}),
    labels: commonLabels(spec),
  };
}

/** A uid no base image gives a name to, and that is not root. */
export const RUN_AS_USER = 10001;

export function deployment(spec: WorkloadSpec) {
  const preset = TIER_PRESETS[spec.tier];
  const probe = (path: string, periodSeconds: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds,
    timeoutSeconds: 2,
    failureThreshold: 3,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(spec),
    spec: {
      replicas: preset.replicas,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(spec) },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
      },
      template: {
        metadata: {
          labels: { ...commonLabels(spec), ...selectorLabels(spec) },
          annotations: {
            // For Prometheus set-ups that discover pods by annotation; the
            // ServiceMonitor serves the Prometheus Operator.
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(spec.port),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          // The service drains in-flight requests on SIGTERM; this leaves it
          // the time to.
          terminationGracePeriodSeconds: 30,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: RUN_AS_USER,
            runAsGroup: RUN_AS_USER,
            fsGroup: RUN_AS_USER,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: spec.name,
              image: spec.image,
              imagePullPolicy: 'IfNotPresent',
              ports: [
                { name: 'http', containerPort: spec.port, protocol: 'TCP' },
              ],
              env: [
                { name: 'PORT', value: String(spec.port) },
                { name: 'LOG_LEVEL', value: 'info' },
              ],
              startupProbe: {
                httpGet: { path: '/healthz', port: 'http' },
                periodSeconds: 2,
                failureThreshold: 30,
              },
              readinessProbe: probe('/readyz', 5),
              livenessProbe: probe('/healthz', 10),
              resources: {
                requests: { ...preset.requests },
                limits: { ...preset.limits },
              },
              securityContext: {
                runAsNonRoot: true,
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              // The root filesystem is read-only; scratch space goes here.
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

export function service(spec: WorkloadSpec) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(spec),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(spec),
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

export function autoscaler(spec: WorkloadSpec) {
  const preset = TIER_PRESETS[spec.tier];
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: metadata(spec),
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: spec.name,
      },
      minReplicas: preset.replicas,
      maxReplicas: preset.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
      ],
    },
  };
}

export function disruptionBudget(spec: WorkloadSpec) {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadata(spec),
    spec: {
      minAvailable: TIER_PRESETS[spec.tier].minAvailable,
      selector: { matchLabels: selectorLabels(spec) },
    },
  };
}

export function serviceMonitor(spec: WorkloadSpec) {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: metadata(spec),
    spec: {
      selector: { matchLabels: selectorLabels(spec) },
      endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }],
    },
  };
}

export function alertRules(spec: WorkloadSpec) {
  const alertPrefix = pascalCase(spec.name);
  const job = `job="${spec.name}"`;
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: metadata(spec, `${spec.name}-alerts`),
    spec: {
      groups: [
        {
          name: spec.name,
          rules: [
            {
              alert: `${alertPrefix}Down`,
              expr: `up{${job}} == 0`,
              for: '5m',
              labels: { severity: 'critical' },
              annotations: {
                summary: `${spec.name} has had no target up for 5 minutes.`,
              },
            },
            {
              alert: `${alertPrefix}HighErrorRate`,
              expr: `sum(rate(http_requests_total{${job},code=~"5.."}[5m])) / sum(rate(http_requests_total{${job}}[5m])) > 0.05`,
              for: '10m',
              labels: { severity: 'warning' },
              annotations: {
                summary: `More than 5% of ${spec.name}'s requests fail.`,
              },
            },
          ],
        },
      ],
    },
  };
}

const HEADER =
  '# Generated by the OpsReady golden template (opsready:manifests:generate).\n';

/**
 * The service's Kubernetes manifests, one object per file, by file name.
 * Compliant by construction with OpsReady's Kubernetes checks: probes,
 * requests and limits, two or more replicas, a PodDisruptionBudget, a
 * pinned image, the restricted security context, no literal secrets,
 * declared and matched ports, and metrics and alerts for Prometheus.
 */
export function kubernetesManifests(
  spec: WorkloadSpec,
): Record<string, string> {
  const objects: Record<string, object> = {
    'deployment.yaml': deployment(spec),
    'service.yaml': service(spec),
    'hpa.yaml': autoscaler(spec),
    'pdb.yaml': disruptionBudget(spec),
    'servicemonitor.yaml': serviceMonitor(spec),
    'prometheusrule.yaml': alertRules(spec),
  };
  return Object.fromEntries(
    Object.entries(objects).map(([file, object]) => [
      file,
      HEADER + yaml.stringify(object, { lineWidth: 0 }),
    ]),
  );
}
