import { Entity } from '@backstage/catalog-model';
import { PrometheusQuerier } from '../prometheus/PrometheusClient';
import {
  PROMETHEUS_SELECTOR_ANNOTATION,
  PROMETHEUS_SERVICE_NAME_ANNOTATION,
  parseSelector,
  withLabel,
} from '../prometheus/promql';

/** Where one environment's request series of an entity are, or why they cannot be read. */
export type SeriesOf =
  | { ok: true; server: string; selector: string }
  | { ok: false; problem: string };

/**
 * The server and matchers of an entity's series in one environment: the
 * entity's `prometheus.io/selector`, plus `environmentLabel="<environment>"`
 * unless the series carry no environment label (environmentLabel empty),
 * on the server `prometheus.io/service-name` names or the default one.
 * Undefined for an entity that names no series.
 */
export function seriesOf(
  entity: Entity,
  environment: string,
  prometheus: Pick<PrometheusQuerier, 'defaultServer' | 'hasServer'>,
  environmentLabel: string,
): SeriesOf | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const raw = annotations[PROMETHEUS_SELECTOR_ANNOTATION];
  if (raw === undefined) return undefined;
  const parsed = parseSelector(raw);
  if (!parsed.ok) return parsed;
  const named = annotations[PROMETHEUS_SERVICE_NAME_ANNOTATION]?.trim();
  const server = named || prometheus.defaultServer;
  if (!server || !prometheus.hasServer(server)) {
    return {
      ok: false,
      problem: named
        ? `No Prometheus server named ${named} is configured`
        : 'No Prometheus server is configured',
    };
  }
  return {
    ok: true,
    server,
    selector: environmentLabel
      ? withLabel(parsed.selector, environmentLabel, environment)
      : parsed.selector,
  };
}
