import { portsCheck } from './portsCheck';
import {
  container,
  deployment,
  evaluate,
  service,
  workload,
} from './testFacts';

const listening = (ports: unknown[]) =>
  deployment('cart', { containers: [container({ ports })] });

describe('kubernetes.ports', () => {
  it('passes when containers declare their ports and Services target them by name', () => {
    expect(
      evaluate(portsCheck, {
        declared: [deployment(), service()],
      }),
    ).toEqual({
      status: 'pass',
      message:
        'Every container declares its ports and every Service targets a declared port.',
      // One container and one Service.
      evidence: { checked: 2, sides: ['declared'] },
    });
  });

  it('matches a numeric targetPort against the declared containerPorts', () => {
    const objects = [
      listening([{ containerPort: 8080 }, { containerPort: 9090 }]),
      service('cart', [
        { port: 80, targetPort: 8080 },
        { port: 9090, targetPort: '9090' },
      ]),
    ];
    expect(evaluate(portsCheck, { live: objects }).status).toBe('pass');
  });

  it('takes a missing targetPort to be the port', () => {
    expect(
      evaluate(portsCheck, {
        declared: [
          listening([{ containerPort: 8080 }]),
          service('cart', [{ name: 'http', port: 8080 }]),
        ],
      }).status,
    ).toBe('pass');
    expect(
      evaluate(portsCheck, {
        declared: [
          listening([{ containerPort: 8080 }]),
          service('cart', [{ name: 'http', port: 80 }]),
        ],
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Service/cart in the manifests targets port 80, which no container of Deployment/cart declares.',
      evidence: {
        offences: [
          {
            side: 'declared',
            object: 'Service/cart',
            problem:
              'targets port 80, which no container of Deployment/cart declares',
          },
        ],
      },
    });
  });

  it('fails a Service targeting a port name no container declares', () => {
    expect(
      evaluate(portsCheck, {
        declared: [
          listening([{ containerPort: 8080 }]),
          service('cart', [{ port: 80, targetPort: 'http' }]),
        ],
      }).message,
    ).toBe(
      'Service/cart in the manifests targets the port named http, which no container of Deployment/cart declares.',
    );
  });

  it('fails a container that declares no port', () => {
    expect(
      evaluate(portsCheck, {
        declared: [
          deployment('worker', {
            containers: [container({ name: 'main', ports: undefined })],
          }),
        ],
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Deployment/worker container main in the manifests declares no containerPort.',
    });
  });

  it('matches a Service against every workload it selects', () => {
    const canary = deployment('cart-canary', {
      podLabels: { app: 'cart', track: 'canary' },
      containers: [container({ ports: [{ containerPort: 9000 }] })],
    });
    expect(
      evaluate(portsCheck, {
        declared: [
          deployment(),
          canary,
          service('cart', [{ port: 80, targetPort: 9000 }]),
        ],
      }).status,
    ).toBe('pass');
  });

  it('leaves alone Services that select none of the workloads, or nothing at all', () => {
    expect(
      evaluate(portsCheck, {
        declared: [
          deployment(),
          service('checkout', [{ port: 80, targetPort: 1234 }]),
          service('external-db', [{ port: 5432 }], undefined),
        ],
      }),
    ).toMatchObject({ status: 'pass', evidence: { checked: 1 } });
  });

  it('does not match a Service with workloads of another namespace', () => {
    const other = service('cart', [{ port: 80, targetPort: 1234 }]);
    other.metadata.namespace = 'staging';
    expect(
      evaluate(portsCheck, {
        live: [deployment('cart', { namespace: 'shop' }), other],
      }).status,
    ).toBe('pass');
  });

  it('fails the side where the Service drifted, and only that side', () => {
    expect(
      evaluate(portsCheck, {
        declared: [deployment(), service()],
        live: [deployment(), service('cart', [{ port: 80, targetPort: 8081 }])],
      }).message,
    ).toBe(
      'Service/cart in the cluster targets port 8081, which no container of Deployment/cart declares.',
    );
  });

  it('does not want ports from Jobs, and does not apply when there are only Jobs', () => {
    const silent = { containers: [container({ ports: undefined })] };
    expect(
      evaluate(portsCheck, {
        declared: [deployment(), workload('Job', 'migrate', silent)],
      }).status,
    ).toBe('pass');
    expect(
      evaluate(portsCheck, {
        declared: [workload('CronJob', 'report', silent)],
      }),
    ).toEqual({
      status: 'not-applicable',
      message:
        'Only Jobs and CronJobs were found; they serve no traffic and need no ports.',
    });
  });
});
