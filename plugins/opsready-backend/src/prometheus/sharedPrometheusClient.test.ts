import { ConfigReader } from '@backstage/config';
import { sharedPrometheusClient } from './sharedPrometheusClient';

describe('sharedPrometheusClient', () => {
  it('gives every caller of one backend the same client, so the concurrency limit is shared', () => {
    const config = new ConfigReader({
      opsready: {
        prometheus: { servers: [{ name: 'main', url: 'http://prom:9090' }] },
      },
    });
    const first = sharedPrometheusClient(config);
    expect(first).toBeDefined();
    expect(sharedPrometheusClient(config)).toBe(first);
    expect(
      sharedPrometheusClient(
        new ConfigReader({
          opsready: {
            prometheus: {
              servers: [{ name: 'main', url: 'http://prom:9090' }],
            },
          },
        }),
      ),
    ).not.toBe(first);
  });

  it('has no client without a configured server', () => {
    expect(sharedPrometheusClient(new ConfigReader({}))).toBeUndefined();
  });
});
