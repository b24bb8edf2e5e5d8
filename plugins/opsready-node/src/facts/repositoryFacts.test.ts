import { factsFromRepository } from './repositoryFacts';

describe('factsFromRepository', () => {
  it('declares the Kubernetes objects of the manifests, multi-document files included', () => {
    const facts = factsFromRepository({
      paths: ['k8s/app.yaml', 'README.md'],
      files: {
        'README.md': '# cart',
        'k8s/app.yaml': [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata: { name: cart }',
          '---',
          'apiVersion: v1',
          'kind: Service',
          'metadata: { name: cart }',
        ].join('\n'),
      },
    });
    expect(
      facts.kubernetes?.declared?.map(o => `${o.kind}/${o.metadata.name}`),
    ).toEqual(['Deployment/cart', 'Service/cart']);
  });

  it('declares nothing, rather than an empty list, for a repository without manifests', () => {
    const facts = factsFromRepository({ paths: ['src/index.ts'], files: {} });
    expect(facts).toEqual({
      repository: { paths: ['src/index.ts'], files: {} },
    });
  });
});
