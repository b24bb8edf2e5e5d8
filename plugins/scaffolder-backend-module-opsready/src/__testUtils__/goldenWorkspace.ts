import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { helmChart } from '../manifests/helmChart';
import { kubernetesManifests } from '../manifests/kubernetesManifests';

/**
 * Writes a small repository that meets every check in scope: what the
 * golden templates render, cut to the files the checks read.
 */
export async function writeGoldenWorkspace(
  root: string,
  overrides: Record<string, string | null> = {},
) {
  const spec = {
    name: 'refund-service',
    ownerName: 'payments',
    system: 'checkout',
    tier: 'standard' as const,
    port: 8080,
    image: 'registry.example.com/refund-service:0.1.0',
  };
  const files: Record<string, string | null> = {
    'catalog-info.yaml': [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: refund-service',
      '  description: Refunds payments.',
      '  annotations:',
      '    backstage.io/techdocs-ref: dir:.',
      '    backstage.io/kubernetes-id: refund-service',
      '    opsready.io/health-url: http://127.0.0.1:8080/healthz',
      '    opsready.io/slo: |',
      '      availability: 99.9%',
      '      latency: p95 < 200ms',
      'spec:',
      '  type: service',
      '  lifecycle: production',
      '  owner: group:default/payments',
      '  system: checkout',
      '  dependsOn: [resource:default/refunds-db]',
      '  providesApis: [refund-service-api]',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: API',
      'metadata: { name: refund-service-api }',
      'spec: { type: openapi, lifecycle: production, owner: group:default/payments, definition: "openapi: 3.0.3" }',
    ].join('\n'),
    Dockerfile: 'FROM node:22.20.0-bookworm-slim\nUSER 10001:10001\n',
    'README.md': `# refund-service\n\n${'Refunds payments for the checkout. '.repeat(
      10,
    )}\n`,
    '.github/CODEOWNERS': '* @payments\n',
    '.github/workflows/ci.yaml': 'on: push\njobs: {}\n',
    'package.json': JSON.stringify({ dependencies: { pino: '10.4.0' } }),
    ...Object.fromEntries(
      Object.entries(kubernetesManifests(spec)).map(([p, t]) => [
        `k8s/${p}`,
        t,
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(helmChart(spec)).map(([p, t]) => [`chart/${p}`, t]),
    ),
    ...overrides,
  };
  for (const [path, text] of Object.entries(files)) {
    if (text === null) {
      continue;
    }
    await fs.mkdir(dirname(join(root, path)), { recursive: true });
    await fs.writeFile(join(root, path), text);
  }
}
