import { HEALTH_URL_ANNOTATION } from '@opsready/plugin-opsready-common';
import { helmChart } from '../../manifests/helmChart';
import { kubernetesManifests } from '../../manifests/kubernetesManifests';
import { WorkloadSpec } from '../../manifests/workloadSpec';
import { pdbFixer } from './pdbFixer';
import { probesFixer } from './probesFixer';
import { replicasFixer } from './replicasFixer';
import { resourcesFixer } from './resourcesFixer';
import { securityContextFixer } from './securityContextFixer';
import {
  applyFixer,
  component,
  evaluate,
  expectGolden,
  fixContext,
  MemoryFiles,
  removedLines,
} from './__testUtils__/testRepository';

const spec: WorkloadSpec = {
  name: 'refund-service',
  ownerName: 'payments',
  system: 'checkout',
  tier: 'standard',
  port: 8080,
  image: 'registry.example.com/refund-service:0.1.0',
};

const entity = component({
  [HEALTH_URL_ANNOTATION]: 'http://refund-service:80/healthz',
});
const context = fixContext({ entity });

/** Removes a key and everything indented below it. */
function withoutKey(text: string, key: string, indent: number): string {
  const lines = text.split('\n');
  const pad = ' '.repeat(indent);
  const start = lines.findIndex(line => line.startsWith(`${pad}${key}:`));
  if (start < 0) {
    throw new Error(`no ${key} at indent ${indent}`);
  }
  let end = start + 1;
  while (
    end < lines.length &&
    lines[end] !== '' &&
    /^ */.exec(lines[end])![0].length > indent
  ) {
    end++;
  }
  lines.splice(start, end - start);
  return lines.join('\n');
}

/**
 * What the node-service template generates: manifests in k8s/ and the chart
 * in chart/, with a comment a person added to values.yaml.
 */
function generated(
  edit: (files: Record<string, string>) => void = () => {},
  { manifests = true } = {},
): MemoryFiles {
  const files: Record<string, string> = {};
  if (manifests) {
    for (const [path, text] of Object.entries(kubernetesManifests(spec))) {
      files[`k8s/${path}`] = text;
    }
  }
  for (const [path, text] of Object.entries(helmChart(spec))) {
    files[`chart/${path}`] = text;
  }
  files['chart/values.yaml'] = files['chart/values.yaml'].replace(
    'replicaCount:',
    '# Pods when autoscaling is off; keep two or more in production.\nreplicaCount:',
  );
  edit(files);
  return new MemoryFiles(files);
}

describe('the Kubernetes fixers on the Helm chart of the node-service template', () => {
  it('sets the missing resources in values.yaml and the manifests, keeping comments', async () => {
    const files = generated(f => {
      f['chart/values.yaml'] = withoutKey(
        f['chart/values.yaml'],
        'resources',
        0,
      );
      f['k8s/deployment.yaml'] = withoutKey(
        f['k8s/deployment.yaml'],
        'resources',
        10,
      );
    });
    expect(evaluate('kubernetes.resources', files, entity).status).toBe('fail');
    const { outcome, diff } = await applyFixer(resourcesFixer, files, context);
    expect(outcome.changes).toEqual([
      "Set resources.requests.cpu, resources.requests.memory, resources.limits.cpu and resources.limits.memory of container refund-service of Deployment/refund-service in k8s/deployment.yaml from the standard tier's presets.",
      "Set resources.requests.cpu, resources.requests.memory, resources.limits.cpu and resources.limits.memory in chart/values.yaml from the standard tier's presets.",
    ]);
    expect(removedLines(diff)).toEqual([]);
    expectGolden('helm-resources', diff);
    expect(files.read('chart/values.yaml')).toContain(
      '# Pods when autoscaling is off; keep two or more in production.\nreplicaCount: 2',
    );
    expect(evaluate('kubernetes.resources', files, entity).status).toBe('pass');
    expect((await applyFixer(resourcesFixer, files, context)).diff).toBe('');
  });

  it('edits values.yaml alone when the chart is the only source', async () => {
    const files = generated(
      f => {
        f['chart/values.yaml'] = withoutKey(
          f['chart/values.yaml'],
          'readOnlyRootFilesystem',
          2,
        ).replace(
          'allowPrivilegeEscalation: false',
          'allowPrivilegeEscalation: true',
        );
      },
      { manifests: false },
    );
    const { outcome, diff } = await applyFixer(
      securityContextFixer,
      files,
      context,
    );
    expect(outcome.changes).toEqual([
      'Set allowPrivilegeEscalation and readOnlyRootFilesystem of securityContext in chart/values.yaml: the image must run as a non-root user and write only to mounted volumes.',
    ]);
    expect(removedLines(diff)).toEqual(['-  allowPrivilegeEscalation: true']);
    expectGolden('helm-security-context', diff);
    expect((await applyFixer(securityContextFixer, files, context)).diff).toBe(
      '',
    );
  });

  it("raises the autoscaler's floor, not replicaCount, when the chart autoscales", async () => {
    const files = generated(f => {
      f['chart/values.yaml'] = f['chart/values.yaml'].replace(
        /minReplicas: 2/,
        'minReplicas: 1 # was 2 until the load test',
      );
      f['k8s/hpa.yaml'] = f['k8s/hpa.yaml'].replace(
        'minReplicas: 2',
        'minReplicas: 1',
      );
    });
    expect(evaluate('kubernetes.replicas', files, entity).status).toBe('fail');
    const { outcome, diff } = await applyFixer(replicasFixer, files, context);
    expect(outcome.changes).toEqual([
      'Raised the minReplicas of HorizontalPodAutoscaler/refund-service in k8s/hpa.yaml from 1 to 2.',
      'Raised autoscaling.minReplicas in chart/values.yaml to 2.',
    ]);
    expectGolden('helm-replicas', diff);
    expect(evaluate('kubernetes.replicas', files, entity).status).toBe('pass');
    expect((await applyFixer(replicasFixer, files, context)).diff).toBe('');
  });

  it('adds the budget the PDB template reads, and a budget beside the Deployment', async () => {
    const files = generated(f => {
      f['chart/values.yaml'] = withoutKey(
        f['chart/values.yaml'],
        'podDisruptionBudget',
        0,
      );
      delete f['k8s/pdb.yaml'];
    });
    expect(evaluate('kubernetes.pdb', files, entity).status).toBe('fail');
    const { outcome, diff } = await applyFixer(pdbFixer, files, context);
    expect(outcome.changes).toEqual([
      'Added PodDisruptionBudget/refund-service (minAvailable 1) for Deployment/refund-service in k8s/deployment.yaml.',
      "Set podDisruptionBudget.minAvailable in chart/values.yaml to 1, from the standard tier's presets.",
    ]);
    expect(removedLines(diff)).toEqual([]);
    expectGolden('helm-pdb', diff);
    expect(evaluate('kubernetes.pdb', files, entity).status).toBe('pass');
    expect((await applyFixer(pdbFixer, files, context)).diff).toBe('');
  });

  it('says that probes in a template are not edited', async () => {
    const files = generated(
      f => {
        f['chart/templates/deployment.yaml'] = f[
          'chart/templates/deployment.yaml'
        ].replace(/ {10}livenessProbe:\n(?: {12}.*\n)+/, '');
      },
      { manifests: false },
    );
    const { outcome, diff } = await applyFixer(probesFixer, files, context);
    expect(outcome).toEqual({
      changes: [],
      refused:
        'The Helm templates chart/templates/deployment.yaml lack probes and are not edited: add them to the template by hand.',
    });
    expect(diff).toBe('');
  });
});
