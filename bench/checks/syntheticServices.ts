import { KubernetesObject, ServiceFacts } from '@opsready/plugin-opsready-node';

// A small deterministic generator (mulberry32), so that every run measures
// the same fleet.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function container(name: string, rand: () => number) {
  return {
    name,
    image:
      rand() < 0.15
        ? `registry.example.com/${name}:latest`
        : `registry.example.com/${name}:1.${Math.floor(rand() * 40)}.0`,
    ports: [
      { name: 'http', containerPort: 8080 },
      ...(rand() < 0.6 ? [{ name: 'metrics', containerPort: 9090 }] : []),
    ],
    ...(rand() < 0.8
      ? {
          readinessProbe: { httpGet: { path: '/readyz', port: 8080 } },
          livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
        }
      : {}),
    ...(rand() < 0.7
      ? {
          resources: {
            requests: { cpu: '100m', memory: '128Mi' },
            limits: { cpu: '500m', memory: '256Mi' },
          },
        }
      : {}),
    securityContext:
      rand() < 0.5
        ? {
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          }
        : { runAsNonRoot: true },
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      rand() < 0.05
        ? { name: 'DB_PASSWORD', value: 'hunter2' }
        : {
            name: 'DB_PASSWORD',
            valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
          },
    ],
  };
}

function workloads(name: string, rand: () => number): KubernetesObject[] {
  const labels = { app: name };
  const objects: KubernetesObject[] = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop', labels },
      spec: {
        replicas: rand() < 0.5 ? 1 : 3,
        selector: { matchLabels: labels },
        template: {
          metadata: {
            labels,
            annotations: rand() < 0.5 ? { 'prometheus.io/scrape': 'true' } : {},
          },
          spec: {
            containers: [
              container('server', rand),
              ...(rand() < 0.3 ? [container('sidecar', rand)] : []),
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'shop' },
      spec: {
        selector: labels,
        ports: [{ port: 80, targetPort: rand() < 0.95 ? 8080 : 8081 }],
      },
    },
  ];
  if (rand() < 0.5) {
    objects.push({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace: 'shop' },
      spec: { minAvailable: 1, selector: { matchLabels: labels } },
    });
  }
  if (rand() < 0.4) {
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name, namespace: 'shop' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: 2,
        maxReplicas: 10,
      },
    });
  }
  return objects;
}

function repository(rand: () => number) {
  const files: Record<string, string> = {
    Dockerfile:
      rand() < 0.8
        ? 'FROM node:22.11-slim AS build\nRUN npm ci\nFROM gcr.io/distroless/nodejs22-debian12:nonroot\nUSER 1000\n'
        : 'FROM node:latest\n',
    'package.json': JSON.stringify({
      dependencies:
        rand() < 0.6
          ? { pino: '^9.0.0', express: '^4.0.0' }
          : { express: '^4.0.0' },
    }),
    'README.md':
      rand() < 0.8
        ? `# Service\n\n${'Explains what the service does and how to run it. '.repeat(
            6,
          )}`
        : '# TODO\n',
  };
  if (rand() < 0.7) files['.github/workflows/ci.yaml'] = 'on: push\njobs: {}\n';
  if (rand() < 0.6) files['.github/CODEOWNERS'] = '* @acme/team\n';
  return {
    paths: [
      ...Object.keys(files),
      'src/index.ts',
      'src/server.ts',
      'test/server.test.ts',
    ],
    files,
  };
}

/** `count` services with entity, live workloads, manifests, files, health and delivery facts. */
export function syntheticServices(count: number): ServiceFacts[] {
  const rand = random(42);
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const name = `service-${i}`;
    const k8s = workloads(name, rand);
    return {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          namespace: 'default',
          ...(rand() < 0.8 ? { description: `Service number ${i}` } : {}),
          annotations: {
            'backstage.io/kubernetes-id': name,
            ...(rand() < 0.7
              ? { 'opsready.io/health-url': `http://${name}.shop/healthz` }
              : {}),
            ...(rand() < 0.3 ? { 'backstage.io/techdocs-ref': 'dir:.' } : {}),
          },
          links:
            rand() < 0.3
              ? [{ url: 'https://runbooks.example.com/x', title: 'Runbook' }]
              : [],
        },
        spec: {
          type: 'service',
          lifecycle: rand() < 0.7 ? 'production' : 'experimental',
          owner: `group:default/team-${i % 40}`,
          ...(rand() < 0.8 ? { system: `system-${i % 25}` } : {}),
          ...(rand() < 0.6
            ? { dependsOn: [`component:default/service-${(i + 1) % count}`] }
            : {}),
          ...(rand() < 0.5 ? { providesApis: [`api:default/api-${i}`] } : {}),
        },
      },
      catalog: { ownerExists: rand() < 0.95 },
      kubernetes: { declared: k8s, live: k8s },
      repository: repository(rand),
      health: {
        windowHours: 24,
        endpoints: [
          {
            environment: 'default',
            url: `http://${name}.shop/healthz`,
            status: rand() < 0.95 ? 'up' : 'down',
            uptime: rand() < 0.9 ? 0.999 : 0.95,
            p95LatencyMs: Math.round(rand() * 400),
          },
        ],
      },
      delivery: {
        lastDeploymentAt: new Date(
          now - rand() * 60 * 24 * 3600_000,
        ).toISOString(),
        openCriticalErrors:
          rand() < 0.1
            ? [
                {
                  id: `e${i}`,
                  openedAt: new Date(now - 48 * 3600_000).toISOString(),
                  message: 'OOMKilled',
                },
              ]
            : [],
      },
    };
  });
}
