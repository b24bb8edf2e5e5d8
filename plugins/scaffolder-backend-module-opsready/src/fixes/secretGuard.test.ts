import { refuseNewSecrets } from './secretGuard';

describe('refuseNewSecrets', () => {
  const deployment = (env: string) =>
    `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          env:\n${env}`;

  it('refuses a change that adds a literal secret or a Secret with data', () => {
    expect(() =>
      refuseNewSecrets(
        'k8s/deployment.yaml',
        deployment('            - { name: PORT, value: "8080" }\n'),
        deployment(
          '            - { name: PORT, value: "8080" }\n            - { name: DB_PASSWORD, value: hunter2 }\n',
        ),
      ),
    ).toThrow(
      'The fix would commit the literal value of DB_PASSWORD in k8s/deployment.yaml; secrets are never committed, so nothing was written',
    );
    expect(() =>
      refuseNewSecrets(
        'k8s/secret.yaml',
        undefined,
        'kind: Secret\nmetadata: { name: db }\ndata: { password: aHVudGVyMg== }\n',
      ),
    ).toThrow('The fix would commit the data of Secret db in k8s/secret.yaml');
  });

  it('lets through what was already there, and references to Secrets', () => {
    const existing = deployment(
      '            - { name: DB_PASSWORD, value: hunter2 }\n',
    );
    expect(() =>
      refuseNewSecrets(
        'k8s/deployment.yaml',
        existing,
        `${existing}# probes added\n`,
      ),
    ).not.toThrow();
    expect(() =>
      refuseNewSecrets(
        'k8s/deployment.yaml',
        undefined,
        deployment(
          '            - name: DB_PASSWORD\n              valueFrom: { secretKeyRef: { name: db, key: password } }\n',
        ),
      ),
    ).not.toThrow();
  });
});
