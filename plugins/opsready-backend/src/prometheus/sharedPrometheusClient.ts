import { Config } from '@backstage/config';
import { readPrometheusConfig } from '../config/readPrometheusConfig';
import { PrometheusClient } from './PrometheusClient';

const clients = new WeakMap<Config, PrometheusClient | undefined>();

/**
 * The plugin's one Prometheus client, for the SLO measurements and the
 * rollback triggers alike, so that `opsready.prometheus.concurrency` bounds
 * every query the backend sends to a server, not each caller's share.
 * Undefined when no server is configured.
 */
export function sharedPrometheusClient(
  config: Config,
): PrometheusClient | undefined {
  if (!clients.has(config)) {
    const prometheus = readPrometheusConfig(config);
    clients.set(
      config,
      prometheus.servers.length > 0
        ? new PrometheusClient(prometheus.servers, {
            concurrency: prometheus.concurrency,
          })
        : undefined,
    );
  }
  return clients.get(config);
}
