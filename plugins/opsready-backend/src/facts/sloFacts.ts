import { Config } from '@backstage/config';
import { readSloDefaults, readSloSpec } from '@opsready/plugin-opsready-node';
import {
  PrometheusMetricsConfig,
  readPrometheusConfig,
} from '../config/readPrometheusConfig';
import { HealthStore } from '../database/HealthStore';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import { sharedPrometheusClient } from '../prometheus/sharedPrometheusClient';
import { SloFactProvider, SloMeasured, SpecOf } from './SloFactProvider';

/** The configured Prometheus servers, where there are any. */
export interface SloPrometheus {
  client: PrometheusClient;
  metrics: PrometheusMetricsConfig;
}

/**
 * Where SLIs are read: the configured Prometheus servers (one client, so
 * that its concurrency limit holds for every reader), and how an entity's
 * objectives are read, from annotations or `opsready.slo.defaults` (as a
 * template run reads them). A bad `opsready.prometheus` or
 * `opsready.slo.defaults` stops start-up, naming the key.
 */
export function sloSources(config: Config): {
  prometheus?: SloPrometheus;
  specOf: SpecOf;
  concurrency: number;
} {
  const prometheus = readPrometheusConfig(config);
  const defaults = readSloDefaults(config);
  const client = sharedPrometheusClient(config);
  return {
    prometheus: client ? { client, metrics: prometheus.metrics } : undefined,
    specOf: entity => readSloSpec(entity, defaults),
    concurrency: prometheus.concurrency,
  };
}

/**
 * The SLO facts of the portal, measured in the configured Prometheus
 * servers where an entity names its series, from OpsReady's probes
 * otherwise; `onMeasured` is told of each measurement.
 */
export function sloFactProvider(
  config: Config,
  health: Pick<HealthStore, 'getEndpoints' | 'getRollups' | 'getTransitions'>,
  options: {
    sources?: ReturnType<typeof sloSources>;
    onMeasured?: (measured: SloMeasured[]) => Promise<void>;
  } = {},
): SloFactProvider {
  const { prometheus, specOf, concurrency } =
    options.sources ?? sloSources(config);
  return new SloFactProvider({
    specOf,
    prometheus,
    health,
    concurrency,
    onMeasured: options.onMeasured,
  });
}
