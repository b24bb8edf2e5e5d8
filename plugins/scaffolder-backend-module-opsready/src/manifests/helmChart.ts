import yaml from 'yaml';
import { splitImage } from './imageReference';
import { RUN_AS_USER } from './kubernetesManifests';
import { TIER_PRESETS } from './tierPresets';
import { commonLabels, pascalCase, WorkloadSpec } from './workloadSpec';

// Helm templates, kept as text: `{{ … }}` is Go template syntax that must
// reach the chart as written. `NAME` is replaced by the chart name.
const HELPERS = `{{- define "NAME.fullname" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "NAME.selectorLabels" -}}
app.kubernetes.io/name: {{ include "NAME.fullname" . }}
{{- end -}}

{{- define "NAME.labels" -}}
{{ include "NAME.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- with .Values.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "NAME.image" -}}
{{- $ref := .Values.image.repository -}}
{{- with .Values.image.tag }}{{ $ref = printf "%s:%s" $ref . }}{{ end -}}
{{- with .Values.image.digest }}{{ $ref = printf "%s@%s" $ref . }}{{ end -}}
{{- $ref -}}
{{- end -}}
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "NAME.fullname" . }}
  labels:
    {{- include "NAME.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "NAME.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  template:
    metadata:
      labels:
        {{- include "NAME.labels" . | nindent 8 }}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ .Values.port | quote }}
        prometheus.io/path: /metrics
    spec:
      terminationGracePeriodSeconds: 30
      automountServiceAccountToken: false
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .Chart.Name }}
          image: {{ include "NAME.image" . | quote }}
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: {{ .Values.port }}
              protocol: TCP
          env:
            - name: PORT
              value: {{ .Values.port | quote }}
            - name: LOG_LEVEL
              value: {{ .Values.logLevel | quote }}
          startupProbe:
            httpGet: { path: /healthz, port: http }
            periodSeconds: 2
            failureThreshold: 30
          readinessProbe:
            httpGet: { path: /readyz, port: http }
            periodSeconds: 5
            timeoutSeconds: 2
            failureThreshold: 3
          livenessProbe:
            httpGet: { path: /healthz, port: http }
            periodSeconds: 10
            timeoutSeconds: 2
            failureThreshold: 3
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: {{ include "NAME.fullname" . }}
  labels:
    {{- include "NAME.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "NAME.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
`;

const HPA = `{{- if .Values.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "NAME.fullname" . }}
  labels:
    {{- include "NAME.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "NAME.fullname" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
`;

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "NAME.fullname" . }}
  labels:
    {{- include "NAME.labels" . | nindent 4 }}
spec:
  minAvailable: {{ .Values.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels:
      {{- include "NAME.selectorLabels" . | nindent 6 }}
`;

const SERVICE_MONITOR = `{{- if .Values.metrics.serviceMonitor.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "NAME.fullname" . }}
  labels:
    {{- include "NAME.labels" . | nindent 4 }}
spec:
  selector:
    matchLabels:
      {{- include "NAME.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /metrics
      interval: {{ .Values.metrics.serviceMonitor.interval }}
{{- end }}
`;

const PROMETHEUS_RULE = `{{- if .Values.metrics.prometheusRule.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: {{ include "NAME.fullname" . }}-alerts
  labels:
    {{- include "NAME.labels" . | nindent 4 }}
spec:
  groups:
    - name: {{ include "NAME.fullname" . }}
      rules:
        - alert: ALERTDown
          expr: up{job="{{ include "NAME.fullname" . }}"} == 0
          for: 5m
          labels:
            severity: critical
          annotations:
            summary: {{ include "NAME.fullname" . }} has had no target up for 5 minutes.
        - alert: ALERTHighErrorRate
          expr: sum(rate(http_requests_total{job="{{ include "NAME.fullname" . }}",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="{{ include "NAME.fullname" . }}"}[5m])) > 0.05
          for: 10m
          labels:
            severity: warning
          annotations:
            summary: More than 5% of the requests of {{ include "NAME.fullname" . }} fail.
{{- end }}
`;

function chartValues(spec: WorkloadSpec) {
  const preset = TIER_PRESETS[spec.tier];
  const {
    'app.kubernetes.io/name': _name,
    'app.kubernetes.io/managed-by': _managedBy,
    ...labels
  } = commonLabels(spec);
  return {
    image: splitImage(spec.image),
    port: spec.port,
    logLevel: 'info',
    replicaCount: preset.replicas,
    labels,
    resources: { requests: preset.requests, limits: preset.limits },
    autoscaling: {
      enabled: true,
      minReplicas: preset.replicas,
      maxReplicas: preset.maxReplicas,
      targetCPUUtilizationPercentage: 70,
    },
    podDisruptionBudget: { minAvailable: preset.minAvailable },
    podSecurityContext: {
      runAsNonRoot: true,
      runAsUser: RUN_AS_USER,
      runAsGroup: RUN_AS_USER,
      fsGroup: RUN_AS_USER,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    metrics: {
      serviceMonitor: { enabled: true, interval: '30s' },
      prometheusRule: { enabled: true },
    },
  };
}

/**
 * A Helm chart for the service, by path inside the chart directory. It
 * renders the same objects as the plain manifests, with the tier's presets
 * as its default values.
 */
export function helmChart(spec: WorkloadSpec): Record<string, string> {
  const image = splitImage(spec.image);
  const named = (template: string) =>
    template
      .replace(/NAME\./g, `${spec.name}.`)
      .replace(/ALERT/g, pascalCase(spec.name));
  return {
    'Chart.yaml': yaml.stringify({
      apiVersion: 'v2',
      name: spec.name,
      description: `Helm chart of ${spec.name}, generated by the OpsReady golden template.`,
      type: 'application',
      version: '0.1.0',
      appVersion: image.tag ?? image.digest ?? '0.1.0',
    }),
    'values.yaml': `# Defaults from the ${spec.tier} tier.\n${yaml.stringify(
      chartValues(spec),
      { lineWidth: 0 },
    )}`,
    'templates/_helpers.tpl': named(HELPERS),
    'templates/deployment.yaml': named(DEPLOYMENT),
    'templates/service.yaml': named(SERVICE),
    'templates/hpa.yaml': named(HPA),
    'templates/pdb.yaml': named(PDB),
    'templates/servicemonitor.yaml': named(SERVICE_MONITOR),
    'templates/prometheusrule.yaml': named(PROMETHEUS_RULE),
  };
}
