import { metricsCheck } from './metricsCheck';
import { deployment, evaluate, object } from './testFacts';

describe('observability.metrics', () => {
  it('passes a pod template annotated for scraping', () => {
    expect(
      evaluate(metricsCheck, {
        kubernetes: {
          declared: [
            deployment({ annotations: { 'prometheus.io/scrape': 'true' } }),
          ],
        },
      }),
    ).toEqual({
      status: 'pass',
      message:
        'Metrics are exposed: Deployment/cart in the manifests through the prometheus.io/scrape annotation.',
      evidence: {
        exposures: [
          {
            object: 'Deployment/cart',
            via: 'the prometheus.io/scrape annotation',
            where: 'in the manifests',
          },
        ],
      },
    });
  });

  it('does not count a scrape annotation set to "false"', () => {
    expect(
      evaluate(metricsCheck, {
        kubernetes: {
          declared: [
            deployment({ annotations: { 'prometheus.io/scrape': 'false' } }),
          ],
        },
      }).status,
    ).toBe('fail');
  });

  it.each(['ServiceMonitor', 'PodMonitor'])('passes a %s', kind => {
    expect(
      evaluate(metricsCheck, {
        kubernetes: { live: [deployment(), object(kind, 'cart')] },
      }),
    ).toMatchObject({
      status: 'pass',
      message: `Metrics are exposed: ${kind}/cart in the cluster through a ${kind}.`,
    });
  });

  it.each(['metrics', 'http-metrics'])(
    'passes a container port named %s',
    name => {
      expect(
        evaluate(metricsCheck, {
          kubernetes: {
            declared: [
              deployment({
                ports: [
                  { name: 'http', containerPort: 8080 },
                  { name, containerPort: 9090 },
                ],
              }),
            ],
          },
        }),
      ).toMatchObject({
        status: 'pass',
        message: `Metrics are exposed: Deployment/cart in the manifests through port ${name}.`,
      });
    },
  );

  it('passes a Service annotated for scraping, and counts the other exposures', () => {
    expect(
      evaluate(metricsCheck, {
        kubernetes: {
          declared: [
            object('Service', 'cart', { 'prometheus.io/scrape': 'true' }),
            deployment({ ports: [{ name: 'metrics', containerPort: 9090 }] }),
          ],
        },
      }).message,
    ).toBe(
      'Metrics are exposed: Service/cart in the manifests through the prometheus.io/scrape annotation (and 1 more).',
    );
  });

  it('fails workloads with no way to scrape them, naming them', () => {
    expect(
      evaluate(metricsCheck, {
        kubernetes: {
          declared: [
            deployment({ ports: [{ name: 'admin', containerPort: 9000 }] }),
          ],
          live: [deployment()],
        },
      }),
    ).toEqual({
      status: 'fail',
      message:
        'No metrics are exposed: Deployment/cart in the manifests, Deployment/cart in the cluster have no prometheus.io/scrape annotation or port named metrics, and no ServiceMonitor or PodMonitor was found.',
      evidence: {
        workloads: [
          'Deployment/cart in the manifests',
          'Deployment/cart in the cluster',
        ],
      },
    });
  });

  it('does not take a port merely containing "metrics" for a metrics port', () => {
    expect(
      evaluate(metricsCheck, {
        kubernetes: {
          declared: [
            deployment({ ports: [{ name: 'no-metrics', containerPort: 1 }] }),
          ],
        },
      }).status,
    ).toBe('fail');
  });

  it('is unknown without Kubernetes facts, and says so', () => {
    expect(evaluate(metricsCheck)).toEqual({
      status: 'unknown',
      message:
        'No Kubernetes objects are known for this service (no manifests in the repository, no cluster reporting it), so where it exposes metrics cannot be checked.',
    });
    expect(evaluate(metricsCheck, { kubernetes: {} }).status).toBe('unknown');
  });

  it('is unknown when the objects include no workload to look at', () => {
    expect(
      evaluate(metricsCheck, {
        kubernetes: { declared: [object('ConfigMap', 'cart-config')] },
      }),
    ).toMatchObject({
      status: 'unknown',
      message:
        'The Kubernetes objects known for this service include no workload, ServiceMonitor or PodMonitor to look for metrics on.',
    });
  });
});
