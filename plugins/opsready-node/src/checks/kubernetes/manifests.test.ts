import { parseKubernetesManifests } from './manifests';

const names = (text: string) =>
  parseKubernetesManifests(text).map(o => `${o.kind}/${o.metadata.name}`);

describe('parseKubernetesManifests', () => {
  it('reads every document of a multi-document file', () => {
    const objects = parseKubernetesManifests(
      [
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: cart',
        '  labels: { app: cart }',
        'spec:',
        '  replicas: 2',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: { name: cart }',
        'spec:',
        '  ports: [{ port: 80, targetPort: http }]',
      ].join('\n'),
    );
    expect(objects).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'cart', labels: { app: 'cart' } },
        spec: { replicas: 2 },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'cart' },
        spec: { ports: [{ port: 80, targetPort: 'http' }] },
      },
    ]);
  });

  it('expands Lists into their items', () => {
    expect(
      names(
        [
          'apiVersion: v1',
          'kind: List',
          'items:',
          '  - { apiVersion: v1, kind: Service, metadata: { name: a } }',
          '  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: b } }',
          '  - { kind: Service }',
          '---',
          'apiVersion: v1',
          'kind: ServiceList',
          'items:',
          '  - { apiVersion: v1, kind: Service, metadata: { name: c } }',
        ].join('\n'),
      ),
    ).toEqual(['Service/a', 'Deployment/b', 'Service/c']);
  });

  it('skips what is not a Kubernetes object: comments, values, kustomizations, nameless objects', () => {
    expect(
      names(
        [
          '# just a comment',
          '---',
          'replicaCount: 3',
          '---',
          'apiVersion: kustomize.config.k8s.io/v1beta1',
          'kind: Kustomization',
          'resources: [deployment.yaml]',
          '---',
          'apiVersion: v1',
          'kind: ConfigMap',
          'metadata: { generateName: cfg- }',
          '---',
          'apiVersion: v1',
          'kind: ConfigMap',
          'metadata: { name: 42 }',
          '---',
          '- apiVersion: v1',
          '---',
          'apiVersion: v1',
          'kind: ConfigMap',
          'metadata: { name: settings }',
        ].join('\n'),
      ),
    ).toEqual(['ConfigMap/settings']);
  });

  it('skips Helm templates, whether they fail to parse or happen to parse', () => {
    const template = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: {{ include "cart.fullname" . }}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: cart',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: server',
      '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
      '---',
      '{{- if .Values.pdb.enabled }}',
      'apiVersion: policy/v1',
      'kind: PodDisruptionBudget',
      'metadata: { name: cart }',
      '{{- end }}',
      '---',
      'apiVersion: v1',
      'kind: ServiceAccount',
      'metadata: { name: cart }',
    ].join('\n');
    expect(names(template)).toEqual(['ServiceAccount/cart']);
  });

  it('skips a broken document and keeps the good ones around it', () => {
    expect(
      names(
        [
          'apiVersion: v1',
          'kind: Service',
          'metadata: { name: before }',
          '---',
          'apiVersion: v1',
          'kind: Service',
          'metadata: { name: broken',
          '  ports: [',
          '---',
          'apiVersion: v1',
          'kind: Service',
          'metadata: { name: after }',
        ].join('\n'),
      ),
    ).toEqual(['Service/before', 'Service/after']);
  });

  it('skips a document built to exhaust the reader with aliases', () => {
    let bomb = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: bomb }',
      'data:',
      '  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ].join('\n');
    for (let level = 1; level <= 8; level++) {
      bomb += `\n  l${level}: &l${level} [${Array(10)
        .fill(`*l${level - 1}`)
        .join(', ')}]`;
    }
    expect(
      names(
        `${bomb}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: fine }`,
      ),
    ).toEqual(['ConfigMap/fine']);
  });

  it('never throws, whatever it is given', () => {
    for (const text of [
      '',
      '::: not yaml :::\n\t- [',
      '\u0000\u0001',
      'a: &a [*a, *a]',
      'key: value\nkey: again',
    ]) {
      expect(parseKubernetesManifests(text)).toEqual([]);
    }
  });

  it('reads YAML 1.1 booleans as Kubernetes does', () => {
    const [deployment] = parseKubernetesManifests(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: cart }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: server',
        '          securityContext: { readOnlyRootFilesystem: yes, allowPrivilegeEscalation: off }',
      ].join('\n'),
    );
    expect(deployment.spec.template.spec.containers[0].securityContext).toEqual(
      { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    );
  });
});
