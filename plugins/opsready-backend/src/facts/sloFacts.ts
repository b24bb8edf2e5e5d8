import { Config } from '@backstage/config';
import { readSloDefaults, readSloSpec } from '@opsready/plugin-opsready-node';
import { readPrometheusConfig } from '../config/readPrometheusConfig';
import { HealthStore } from '../database/HealthStore';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import { SloFactProvider } from './SloFactProvider';

/**
 * The SLO facts of the portal: objectives from annotations or
 * `opsready.slo.defaults` (read as a template run reads them), measured in
 * the configured Prometheus servers where an entity names its series, from
 * OpsReady's probes otherwise. A bad `opsready.prometheus` or
 * `opsready.slo.defaults` stops start-up, naming the key.
 */
export function sloFactProvider(
  config: Config,
  health: Pick<HealthStore, 'getEndpoints' | 'getRollups'>,
): SloFactProvider {
  const prometheus = readPrometheusConfig(config);
  const defaults = readSloDefaults(config);
  return new SloFactProvider({
    specOf: entity => readSloSpec(entity, defaults),
    prometheus:
      prometheus.servers.length > 0
        ? {
            client: new PrometheusClient(prometheus.servers, {
              concurrency: prometheus.concurrency,
            }),
            metrics: prometheus.metrics,
          }
        : undefined,
    health,
    concurrency: prometheus.concurrency,
  });
}
