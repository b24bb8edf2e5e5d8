import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  builtInChecks,
  evaluateChecks,
  parseKubernetesManifests,
} from '@opsready/plugin-opsready-node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import yaml from 'yaml';
import { capturingLogger, SECRET } from '../__testUtils__/testContext';
import { createGenerateManifestsAction } from './generateManifests';

const input = {
  name: 'refund-service',
  owner: 'group:default/payments',
  system: 'system:default/checkout',
  tier: 'standard' as const,
  port: 8080,
  image: 'registry.example.com/refund-service:0.1.0',
  manifestsPath: 'k8s',
  chartPath: 'chart',
};

describe('opsready:manifests:generate', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');

  beforeEach(() => {
    mockDir.setContent({ workspace: {}, outside: {} });
  });

  async function run(overrides: Partial<typeof input> = {}) {
    const { logger, text } = capturingLogger();
    const ctx = createMockActionContext({
      input: { ...input, ...overrides },
      workspacePath,
      logger,
      secrets: { token: SECRET },
    });
    await createGenerateManifestsAction().handler(ctx as any);
    return { ctx, logText: text };
  }

  async function readManifests() {
    const dir = join(workspacePath, 'k8s');
    const texts = await Promise.all(
      (await fs.readdir(dir)).map(f => fs.readFile(join(dir, f), 'utf8')),
    );
    return texts.flatMap(parseKubernetesManifests);
  }

  it('writes manifests that pass every Kubernetes check of a production service', async () => {
    const { ctx } = await run();
    const objects = await readManifests();
    expect(objects.map(o => o.kind).sort()).toEqual([
      'Deployment',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'PrometheusRule',
      'Service',
      'ServiceMonitor',
    ]);
    const kubernetesChecks = builtInChecks.filter(
      c => c.category === 'kubernetes',
    );
    const results = evaluateChecks(kubernetesChecks, {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'refund-service' },
        spec: { type: 'service', lifecycle: 'production' },
      },
      kubernetes: { declared: objects },
    });
    // Drift compares with a cluster, which a new service does not have.
    expect(
      results.filter(
        r => r.checkId !== 'kubernetes.drift' && r.status !== 'pass',
      ),
    ).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('replicas', 2);
  });

  it('takes replicas, autoscaling and resources from the tier', async () => {
    await run({ tier: 'critical' as any });
    const objects = await readManifests();
    const deployment = objects.find(o => o.kind === 'Deployment')!;
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    });
    expect(
      objects.find(o => o.kind === 'HorizontalPodAutoscaler')!.spec,
    ).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
    expect(deployment.metadata.labels).toMatchObject({
      'opsready.io/owner': 'payments',
      'app.kubernetes.io/part-of': 'checkout',
    });
  });

  it('writes a Helm chart whose defaults are the tier presets', async () => {
    await run();
    const values = yaml.parse(
      await fs.readFile(join(workspacePath, 'chart/values.yaml'), 'utf8'),
    );
    expect(values).toMatchObject({
      image: {
        repository: 'registry.example.com/refund-service',
        tag: '0.1.0',
      },
      port: 8080,
      replicaCount: 2,
      autoscaling: { minReplicas: 2, maxReplicas: 5 },
      podDisruptionBudget: { minAvailable: 1 },
    });
    const chart = yaml.parse(
      await fs.readFile(join(workspacePath, 'chart/Chart.yaml'), 'utf8'),
    );
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'refund-service' });
    const deployment = await fs.readFile(
      join(workspacePath, 'chart/templates/deployment.yaml'),
      'utf8',
    );
    expect(deployment).toContain(
      '{{ include "refund-service.image" . | quote }}',
    );
  });

  it('refuses an image that is not pinned, and a bad name, saying why', async () => {
    await expect(
      run({ image: 'registry.example.com/refund-service:latest' }),
    ).rejects.toThrow(
      "image 'registry.example.com/refund-service:latest' is not pinned",
    );
    await expect(run({ image: 'registry.example.com/refund' })).rejects.toThrow(
      /is not pinned: name a version tag/,
    );
    await expect(run({ name: 'Refund_Service' })).rejects.toThrow(
      /The manifests cannot be generated: 'Refund_Service' is not a DNS-1123 label/,
    );
  });

  it('refuses to write outside the workspace', async () => {
    await expect(run({ manifestsPath: '../outside' })).rejects.toThrow(
      "manifestsPath '../outside' is outside the directory it must stay in",
    );
    await expect(run({ chartPath: '/etc/chart' })).rejects.toThrow(
      "chartPath '/etc/chart' is outside the directory",
    );
    expect(await fs.readdir(mockDir.resolve('outside'))).toEqual([]);
  });

  it('refuses to write through a symbolic link', async () => {
    await fs.symlink(mockDir.resolve('outside'), join(workspacePath, 'k8s'));
    await expect(run()).rejects.toThrow(
      "manifestsPath 'k8s' goes through the symbolic link 'k8s'; symbolic links are refused",
    );
    expect(await fs.readdir(mockDir.resolve('outside'))).toEqual([]);
  });

  it('never logs or writes a secret of the task', async () => {
    const { logText } = await run();
    expect(logText()).toContain('Wrote 15 files for refund-service');
    expect(logText()).not.toContain(SECRET);
    const everything = await Promise.all(
      ['k8s/deployment.yaml', 'chart/values.yaml'].map(p =>
        fs.readFile(join(workspacePath, p), 'utf8'),
      ),
    );
    expect(everything.join('\n')).not.toContain(SECRET);
  });
});
