import { InputError } from '@backstage/errors';
import { kubernetesFixers } from '.';
import { metricsFixer } from './metricsFixer';
import { securityContextFixer } from './securityContextFixer';
import {
  applyFixer,
  fixContext,
  MemoryFiles,
} from './__testUtils__/testRepository';

const twoPorts = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
spec:
  selector:
    matchLabels: { app: cart }
  template:
    metadata:
      labels: { app: cart }
    spec:
      containers:
        - name: server
          image: registry.example.com/cart:1.4.2
          ports:
            - containerPort: 8080
            - containerPort: 9090
`;

describe('what the Kubernetes fixers refuse', () => {
  it('does not guess which of several unnamed ports serves metrics', async () => {
    const files = new MemoryFiles({ 'deploy/cart.yaml': twoPorts });
    const { outcome, diff } = await applyFixer(metricsFixer, files);
    expect(outcome).toEqual({
      changes: [],
      refused:
        'Deployment/cart in deploy/cart.yaml declares several ports and names none of them metrics, so which one serves metrics is not guessed: name it metrics.',
    });
    expect(diff).toBe('');
  });

  it('scrapes the port named metrics when there are several', async () => {
    const files = new MemoryFiles({
      'deploy/cart.yaml': twoPorts.replace(
        '- containerPort: 9090',
        '- containerPort: 9090\n              name: http-metrics',
      ),
    });
    const { outcome } = await applyFixer(metricsFixer, files);
    // The port named metrics counts as exposed already: nothing to do.
    expect(outcome).toEqual({ changes: [] });
  });

  it('leaves a privileged container to its owners', async () => {
    const files = new MemoryFiles({
      'deploy/cart.yaml': twoPorts.replace(
        '          ports:',
        '          securityContext: { privileged: true }\n          ports:',
      ),
    });
    const { outcome, diff } = await applyFixer(securityContextFixer, files);
    expect(outcome.refused).toBe(
      'container server of Deployment/cart in deploy/cart.yaml runs privileged; whether it can do without is for its owners to decide, so the security context is not changed.',
    );
    expect(diff).toBe('');
  });

  it.each(kubernetesFixers.map(fixer => [fixer.checkId, fixer]))(
    '%s fails on a manifest that does not parse, naming its file and line',
    async (_, fixer) => {
      const files = new MemoryFiles({
        'deploy/cart.yaml': `${twoPorts}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: [cart\n`,
      });
      const apply = async () => fixer.apply(files, fixContext());
      await expect(apply()).rejects.toThrow(InputError);
      await expect(apply()).rejects.toThrow(
        /^deploy\/cart\.yaml line 23 is not valid YAML: /,
      );
    },
  );

  it('skips Helm templates that do not parse', async () => {
    const files = new MemoryFiles({
      'deploy/cart.yaml': twoPorts,
      'chart/templates/broken.yaml':
        'spec:\n  {{- toYaml .Values.x | nindent 2 }}\n  a: [\n',
    });
    await expect(
      applyFixer(securityContextFixer, files),
    ).resolves.toMatchObject({ outcome: { changes: [expect.any(String)] } });
  });
});
