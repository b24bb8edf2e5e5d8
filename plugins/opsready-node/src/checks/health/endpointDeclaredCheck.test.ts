import { endpointDeclaredCheck } from './endpointDeclaredCheck';
import { component, evaluate, PRODUCTION_URL, twoEndpoints } from './testFacts';

describe('health.endpoint-declared', () => {
  it('passes declared http(s) endpoints and names them', () => {
    expect(evaluate(endpointDeclaredCheck, twoEndpoints)).toEqual({
      status: 'pass',
      message:
        'Declares default (https://cart.example.com/healthz), staging (https://cart.staging.example.com/healthz).',
      evidence: {
        endpoints: [
          { environment: 'default', url: PRODUCTION_URL },
          {
            environment: 'staging',
            url: 'https://cart.staging.example.com/healthz',
          },
        ],
        unusable: [],
        problems: [],
      },
    });
  });

  it('passes a single environment-specific endpoint', () => {
    expect(
      evaluate(
        endpointDeclaredCheck,
        component({
          'opsready.io/health-url-production':
            'http://cart.prod.svc:8080/healthz',
        }),
      ).status,
    ).toBe('pass');
  });

  it('fails without any health annotation, and says which one to add', () => {
    expect(
      evaluate(
        endpointDeclaredCheck,
        component({ 'backstage.io/techdocs-ref': 'dir:.' }),
      ),
    ).toEqual({
      status: 'fail',
      message:
        "No health endpoint is declared; add the opsready.io/health-url annotation with the service's http(s) health URL.",
      evidence: { endpoints: [], unusable: [], problems: [] },
    });
  });

  it.each([
    'cart:8080/healthz',
    '/healthz',
    'tcp://cart:8080',
    'ftp://cart.example.com',
  ])('fails when the only URL, %s, is not an absolute http(s) URL', url => {
    expect(
      evaluate(
        endpointDeclaredCheck,
        component({ 'opsready.io/health-url': url }),
      ),
    ).toMatchObject({
      status: 'fail',
      message: `No usable health endpoint is declared: default: '${url}' is not an http(s) URL.`,
    });
  });

  it('warns when a usable endpoint sits beside a broken annotation', () => {
    expect(
      evaluate(
        endpointDeclaredCheck,
        component({
          'opsready.io/health-url': PRODUCTION_URL,
          'opsready.io/health-url-Staging': 'https://cart.staging.example.com',
        }),
      ),
    ).toMatchObject({
      status: 'warn',
      message:
        "Declares default (https://cart.example.com/healthz), but some health annotations are wrong: opsready.io/health-url-Staging: 'Staging' is not an environment name (lower-case letters, digits, '-').",
    });
  });
});
