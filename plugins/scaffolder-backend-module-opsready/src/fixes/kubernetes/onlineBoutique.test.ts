import { HEALTH_URL_ANNOTATION } from '@opsready/plugin-opsready-common';
import { imagePinnedFixer } from './imagePinnedFixer';
import { metricsFixer } from './metricsFixer';
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
  ONLINE_BOUTIQUE,
  removedLines,
} from './__testUtils__/testRepository';
import { CheckFixer } from '../types';

const REDIS_DIGEST =
  'sha256:4fa0e2d84ae37e4d0d7e6f4fb5e19c38a6c4a3bd6e2c1d0b3f5a7c9e1b2d3f4a';

const boutique = () => new MemoryFiles({ 'k8s/all.yaml': ONLINE_BOUTIQUE });

/**
 * The Online Boutique with the frontend's probes taken out and without the
 * load generator (which serves nothing a health endpoint could probe).
 */
function boutiqueWithoutFrontendProbes(): MemoryFiles {
  const lines = ONLINE_BOUTIQUE.split('\n');
  const from = lines.indexOf('          readinessProbe:');
  const to = lines.indexOf('          env:', from);
  lines.splice(from, to - from);
  const text = lines.join('\n');
  const generatorStart = text.indexOf(
    '---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: loadgenerator',
  );
  const generatorEnd = text.indexOf(
    '---\napiVersion: apps/v1',
    generatorStart + 4,
  );
  return new MemoryFiles({
    'k8s/all.yaml': text.slice(0, generatorStart) + text.slice(generatorEnd),
  });
}

async function expectFixed(
  fixer: CheckFixer,
  files: MemoryFiles,
  golden: string,
  { context = fixContext(), replaced = [] as string[] } = {},
) {
  expect(evaluate(fixer.checkId, files, context.entity).status).not.toBe(
    'pass',
  );
  const { outcome, diff } = await applyFixer(fixer, files, context);
  expect(outcome.refused).toBeUndefined();
  expect(outcome.changes.length).toBeGreaterThan(0);
  // Lines added, and only the values fixed replaced: nothing else rewritten.
  expect(removedLines(diff)).toEqual(replaced);
  expectGolden(golden, diff);
  expect(evaluate(fixer.checkId, files, context.entity)).toMatchObject({
    status: 'pass',
  });
  // Applied again, the fix finds nothing left to do.
  const again = await applyFixer(fixer, files, context);
  expect(again).toEqual({ outcome: { changes: [] }, diff: '' });
  return outcome;
}

describe('the Kubernetes fixers on the Online Boutique manifests', () => {
  it('adds probes on the declared health endpoint, through the Service that forwards its port', async () => {
    const outcome = await expectFixed(
      probesFixer,
      boutiqueWithoutFrontendProbes(),
      'probes',
    );
    expect(outcome.changes).toEqual([
      'Added a readinessProbe and a livenessProbe (GET /_healthz on port 8080) to container server of Deployment/frontend in k8s/all.yaml.',
    ]);
  });

  it('refuses probes for the load generator, which has no port the health endpoint reaches', async () => {
    const files = boutique();
    const { outcome, diff } = await applyFixer(probesFixer, files);
    expect(outcome).toEqual({
      changes: [],
      refused:
        'The health endpoint http://frontend:80/_healthz is on port 80, which reaches no port of container main of Deployment/loadgenerator in k8s/all.yaml (neither a containerPort of that number nor through a Service), so probes for it are not guessed.',
    });
    expect(diff).toBe('');
  });

  it("sets the load generator's init container's requests and limits from the tier", async () => {
    const outcome = await expectFixed(resourcesFixer, boutique(), 'resources');
    expect(outcome.changes).toEqual([
      "Set resources.requests.cpu, resources.requests.memory, resources.limits.cpu and resources.limits.memory of init container frontend-check of Deployment/loadgenerator in k8s/all.yaml from the standard tier's presets.",
    ]);
  });

  it('adds a PodDisruptionBudget for each of the twelve Deployments', async () => {
    const outcome = await expectFixed(pdbFixer, boutique(), 'pdb');
    expect(outcome.changes).toHaveLength(12);
    expect(outcome.changes[0]).toBe(
      'Added PodDisruptionBudget/frontend (maxUnavailable 1) for Deployment/frontend in k8s/all.yaml.',
    );
  });

  it('raises every Deployment to two replicas', async () => {
    const outcome = await expectFixed(replicasFixer, boutique(), 'replicas', {
      replaced: ['-  replicas: 1'],
    });
    expect(outcome.changes).toHaveLength(12);
    expect(outcome.changes).toContain(
      'Raised the replicas of Deployment/loadgenerator in k8s/all.yaml from 1 to 2.',
    );
  });

  it('pins redis:alpine to the digest the cluster runs', async () => {
    const files = boutique();
    const context = fixContext({
      runningDigests: { 'redis:alpine': REDIS_DIGEST },
    });
    expect(evaluate('kubernetes.image-pinned', files).status).toBe('warn');
    const outcome = await expectFixed(imagePinnedFixer, files, 'image-pinned', {
      context,
      replaced: ['-        image: redis:alpine'],
    });
    expect(outcome.changes).toEqual([
      `Pinned the image redis:alpine of container redis of Deployment/redis-cart in k8s/all.yaml to the digest the cluster runs, ${REDIS_DIGEST}.`,
    ]);
  });

  it('refuses to pin an image no cluster reports a digest for', async () => {
    const files = boutique();
    const { outcome, diff } = await applyFixer(imagePinnedFixer, files);
    expect(outcome).toEqual({
      changes: [],
      refused:
        'No cluster reports the digest of redis:alpine, so it is not pinned: deploy it once, or pin it to a release by hand.',
    });
    expect(diff).toBe('');
  });

  it('annotates every serving Deployment for Prometheus on its one port', async () => {
    const outcome = await expectFixed(metricsFixer, boutique(), 'metrics');
    // The load generator declares no port: it serves nothing to scrape.
    expect(outcome.changes).toHaveLength(11);
    expect(outcome.changes[0]).toBe(
      'Annotated the pods of Deployment/frontend in k8s/all.yaml for Prometheus to scrape port 8080.',
    );
  });

  it("restricts the frontend's container once its security context is taken out, leaving runAsNonRoot to the pod", async () => {
    const lines = ONLINE_BOUTIQUE.split('\n');
    const from = lines.indexOf('          securityContext:');
    lines.splice(from, 7);
    const outcome = await expectFixed(
      securityContextFixer,
      new MemoryFiles({ 'k8s/all.yaml': lines.join('\n') }),
      'security-context',
    );
    expect(outcome.changes).toEqual([
      'Set allowPrivilegeEscalation, readOnlyRootFilesystem and capabilities.drop in the securityContext of container server of Deployment/frontend in k8s/all.yaml: the image must run as a non-root user and write only to mounted volumes.',
    ]);
  });

  it('changes nothing where the security context is already restricted', async () => {
    const files = boutique();
    expect(evaluate('kubernetes.security-context', files).status).toBe('pass');
    expect(await applyFixer(securityContextFixer, files)).toEqual({
      outcome: { changes: [] },
      diff: '',
    });
  });

  it('holds a service that is not in production to no redundancy rule', async () => {
    const context = fixContext({ entity: component({}, 'experimental') });
    for (const fixer of [replicasFixer, pdbFixer]) {
      expect(await applyFixer(fixer, boutique(), context)).toEqual({
        outcome: { changes: [] },
        diff: '',
      });
    }
  });

  it('refuses probes when no health endpoint is declared', async () => {
    const context = fixContext({ entity: component({}) });
    const { outcome, diff } = await applyFixer(
      probesFixer,
      boutiqueWithoutFrontendProbes(),
      context,
    );
    expect(outcome.changes).toEqual([]);
    expect(outcome.refused).toMatch(
      /^No health endpoint is declared \(the opsready.io\/health-url annotation\)/,
    );
    expect(diff).toBe('');
    expect(HEALTH_URL_ANNOTATION).toBe('opsready.io/health-url');
  });
});
