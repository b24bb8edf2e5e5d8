import { declaredHealthEndpoints } from './healthAnnotations';

describe('declaredHealthEndpoints', () => {
  it('reads one endpoint per environment with the shared expectations', () => {
    expect(
      declaredHealthEndpoints({
        annotations: {
          'opsready.io/health-url': 'http://cart/healthz',
          'opsready.io/health-url-production':
            'https://cart.example.com/healthz',
          'opsready.io/health-expected-status': '200-299',
          'opsready.io/health-expect-body': 'status=UP',
          'backstage.io/kubernetes-id': 'cart',
        },
      }),
    ).toEqual({
      endpoints: [
        {
          environment: 'default',
          url: 'http://cart/healthz',
          expectedStatus: { min: 200, max: 299 },
          expectBody: { field: 'status', value: 'UP' },
        },
        {
          environment: 'production',
          url: 'https://cart.example.com/healthz',
          expectedStatus: { min: 200, max: 299 },
          expectBody: { field: 'status', value: 'UP' },
        },
      ],
      problems: [],
    });
  });

  it('says what is wrong with a malformed annotation instead of ignoring it', () => {
    const { endpoints, problems } = declaredHealthEndpoints({
      annotations: {
        'opsready.io/health-url-Prod': 'http://x',
        'opsready.io/health-expected-status': '2xx',
        'opsready.io/health-expect-body': 'UP',
      },
    });
    expect(endpoints).toEqual([]);
    expect(problems).toEqual([
      "opsready.io/health-expected-status: '2xx' is not a status or a range such as 200-299",
      "opsready.io/health-expect-body: 'UP' is not field=value, e.g. status=UP",
      "opsready.io/health-url-Prod: 'Prod' is not an environment name (lower-case letters, digits, '-')",
    ]);
  });

  it('has nothing for an entity without health annotations', () => {
    expect(declaredHealthEndpoints({})).toEqual({
      endpoints: [],
      problems: [],
    });
  });
});
