import { resourcesCheck } from './resourcesCheck';
import { container, deployment, evaluate } from './testFacts';

describe('kubernetes.resources', () => {
  it('passes when every container sets CPU and memory requests and limits', () => {
    expect(
      evaluate(resourcesCheck, {
        declared: [deployment()],
        live: [deployment()],
      }),
    ).toEqual({
      status: 'pass',
      message: 'Every container sets CPU and memory requests and limits.',
      evidence: { checked: 2, sides: ['declared', 'live'] },
    });
  });

  it('accepts quantities given as numbers (cpu: 1)', () => {
    const resources = {
      requests: { cpu: 0.5, memory: '1Gi' },
      limits: { cpu: 1, memory: '1Gi' },
    };
    expect(
      evaluate(resourcesCheck, {
        declared: [
          deployment('cart', { containers: [container({ resources })] }),
        ],
      }).status,
    ).toBe('pass');
  });

  it('fails listing exactly what a container does not set', () => {
    const outcome = evaluate(resourcesCheck, {
      declared: [
        deployment('cart', {
          containers: [
            container({ resources: { requests: { cpu: '100m', memory: '' } } }),
          ],
        }),
      ],
    });
    expect(outcome).toMatchObject({
      status: 'fail',
      message:
        'Deployment/cart container server in the manifests sets no requests.memory, limits.cpu, limits.memory.',
      evidence: {
        offences: [
          {
            side: 'declared',
            object: 'Deployment/cart',
            container: 'server',
            problem: 'sets no requests.memory, limits.cpu, limits.memory',
          },
        ],
      },
    });
  });

  it('fails a container without any resources, on the side where it runs', () => {
    const bare = deployment('cart', {
      containers: [
        container(),
        container({ name: 'sidecar', resources: undefined }),
      ],
    });
    expect(
      evaluate(resourcesCheck, { declared: [deployment()], live: [bare] })
        .message,
    ).toBe(
      'Deployment/cart container sidecar in the cluster sets no requests.cpu, requests.memory, limits.cpu, limits.memory.',
    );
  });

  it('holds init containers to it too', () => {
    expect(
      evaluate(resourcesCheck, {
        declared: [
          deployment('cart', {
            initContainers: [
              container({ name: 'migrate', resources: undefined }),
            ],
          }),
        ],
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Deployment/cart init container migrate in the manifests sets no requests.cpu, requests.memory, limits.cpu, limits.memory.',
      evidence: { checked: 2 },
    });
  });
});
