import { noLiteralSecretsCheck } from './noLiteralSecretsCheck';
import { container, deployment, evaluate, workload } from './testFacts';

const withEnv = (env: unknown[]) =>
  deployment('cart', { containers: [container({ env })] });

describe('kubernetes.no-literal-secrets', () => {
  it('is critical', () => {
    expect(noLiteralSecretsCheck.severity).toBe('critical');
  });

  it('passes secrets taken from Secret objects, and plain settings', () => {
    expect(
      evaluate(noLiteralSecretsCheck, {
        declared: [
          withEnv([
            {
              name: 'DB_PASSWORD',
              valueFrom: { secretKeyRef: { name: 'cart-db', key: 'password' } },
            },
            { name: 'LOG_LEVEL', value: 'info' },
          ]),
        ],
      }),
    ).toEqual({
      status: 'pass',
      message: 'No container sets a password, token or key as a literal value.',
      evidence: { checked: 1, sides: ['declared'] },
    });
  });

  it('fails a secret-looking variable with a literal value, never repeating the value', () => {
    const outcome = evaluate(noLiteralSecretsCheck, {
      declared: [withEnv([{ name: 'STRIPE_API_KEY', value: 'sk_live_51Hx' }])],
    });
    expect(outcome).toEqual({
      status: 'fail',
      message:
        'Deployment/cart container server in the manifests sets STRIPE_API_KEY to a literal value.',
      evidence: {
        offences: [
          {
            side: 'declared',
            object: 'Deployment/cart',
            container: 'server',
            problem: 'sets STRIPE_API_KEY to a literal value',
          },
        ],
        checked: 1,
        sides: ['declared'],
      },
    });
    expect(JSON.stringify(outcome)).not.toContain('sk_live_51Hx');
  });

  it.each([
    'DB_PASSWORD',
    'db_password',
    'dbPassword',
    'REDIS_PASS',
    'JWT_SECRET',
    'SECRET_KEY_BASE',
    'GITHUB_TOKEN',
    'APIKEY',
    'SSH_PRIVATE_KEY',
    'AWS_SECRET_ACCESS_KEY',
    'GCP_CREDENTIALS',
  ])('recognises %s as a secret', name => {
    expect(
      evaluate(noLiteralSecretsCheck, {
        declared: [withEnv([{ name, value: 'hunter2' }])],
      }).status,
    ).toBe('fail');
  });

  it.each([
    ['PASSWORD_FILE', '/run/secrets/db'],
    ['JWT_SECRET_NAME', 'cart-jwt'],
    ['OAUTH_TOKEN_URL', 'https://auth.example.com/token'],
    ['TOKEN_TTL', '3600'],
    ['MAX_TOKENS', '1024'],
    ['AWS_ACCESS_KEY_ID', 'AKIAEXAMPLE'],
    ['GOOGLE_APPLICATION_CREDENTIALS', '/var/secrets/google/key.json'],
    ['DB_PASSWORD', '$(POSTGRES_PASSWORD)'],
    ['DB_PASSWORD', ''],
    ['BYPASS_CACHE', 'true'],
  ])('does not take %s=%s for a leaked secret', (name, value) => {
    expect(
      evaluate(noLiteralSecretsCheck, {
        declared: [withEnv([{ name, value }])],
      }).status,
    ).toBe('pass');
  });

  it('names every leaking variable of a container in one phrase', () => {
    expect(
      evaluate(noLiteralSecretsCheck, {
        live: [
          withEnv([
            { name: 'DB_PASSWORD', value: 'hunter2' },
            { name: 'PORT', value: '8080' },
            { name: 'SESSION_SECRET', value: 'xyzzy' },
          ]),
        ],
      }).message,
    ).toBe(
      'Deployment/cart container server in the cluster sets DB_PASSWORD and SESSION_SECRET to literal values.',
    );
  });

  it('holds init containers and Jobs too', () => {
    const leaky = container({
      name: 'migrate',
      env: [{ name: 'PGPASSWORD', value: 'postgres' }],
    });
    expect(
      evaluate(noLiteralSecretsCheck, {
        declared: [
          deployment('cart', { initContainers: [leaky] }),
          workload('CronJob', 'backup', { containers: [leaky] }),
        ],
      }).message,
    ).toBe(
      'Deployment/cart init container migrate in the manifests sets PGPASSWORD to a literal value; CronJob/backup container migrate in the manifests sets PGPASSWORD to a literal value.',
    );
  });
});
