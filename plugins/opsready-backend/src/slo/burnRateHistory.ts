import { Entity } from '@backstage/catalog-model';
import {
  normalizeEntityRef,
  SloStatus,
} from '@opsready/plugin-opsready-common';
import { AvailabilityObjective } from '@opsready/plugin-opsready-node';
import { PrometheusMetricsConfig } from '../config/readPrometheusConfig';
import { HealthStore } from '../database/HealthStore';
import { badProbes, sentProbes } from '../prometheus/measureFromProbes';
import {
  PrometheusRangeQuerier,
  PrometheusUnavailableError,
} from '../prometheus/PrometheusClient';
import {
  errorRatioQuery,
  parseSelector,
  PROMETHEUS_SELECTOR_ANNOTATION,
  PROMETHEUS_SERVICE_NAME_ANNOTATION,
} from '../prometheus/promql';

export type BurnRateHistory = SloStatus['burnRateHistory'];

/** About this many points over any range: enough for a chart, cheap to ask. */
const POINTS = 120;
const MIN_STEP_S = 60;
const WINDOW = '1h';
const HOUR_MS = 3600_000;
// The environment an SLO speaks of where an entity has several, as the probes' SLI.
const PRODUCTION = 'production';

/** Exact as errorBudget() is: 14.4 stays 14.4. */
const exact = (value: number) => Number(value.toPrecision(12));

/**
 * The burn rate over time: the error ratio over the last hour at each
 * point, divided by the share of errors the availability objective allows.
 * From Prometheus (a range query, about 120 steps over the range) where
 * the entity names its series, else from the probes' hourly rollups. A
 * Prometheus that does not answer gives no points and a problem.
 */
export class BurnRateHistoryReader {
  constructor(
    private readonly options: {
      prometheus?: {
        client: PrometheusRangeQuerier;
        metrics: PrometheusMetricsConfig;
      };
      health: Pick<HealthStore, 'getEndpoints' | 'getRollups'>;
    },
  ) {}

  async read(
    entity: Entity,
    availability: AvailabilityObjective | undefined,
    range: { from: Date; to: Date },
  ): Promise<{ history: BurnRateHistory; problems: string[] }> {
    const rawSelector =
      entity.metadata.annotations?.[PROMETHEUS_SELECTOR_ANNOTATION];
    if (rawSelector !== undefined) {
      return this.fromPrometheus(entity, rawSelector, availability, range);
    }
    const history: BurnRateHistory = {
      source: 'probes',
      window: WINDOW,
      points: availability
        ? await this.fromProbes(normalizeEntityRef(entity), availability, range)
        : [],
    };
    return { history, problems: [] };
  }

  private async fromPrometheus(
    entity: Entity,
    rawSelector: string,
    availability: AvailabilityObjective | undefined,
    range: { from: Date; to: Date },
  ): Promise<{ history: BurnRateHistory; problems: string[] }> {
    const empty: BurnRateHistory = {
      source: 'prometheus',
      window: WINDOW,
      points: [],
    };
    const parsed = parseSelector(rawSelector);
    const prometheus = this.options.prometheus;
    const server =
      entity.metadata.annotations?.[
        PROMETHEUS_SERVICE_NAME_ANNOTATION
      ]?.trim() || prometheus?.client.defaultServer;
    // The measurement has already named what is wrong with these.
    if (
      !availability ||
      !parsed.ok ||
      !prometheus ||
      !server ||
      !prometheus.client.hasServer(server)
    ) {
      return { history: empty, problems: [] };
    }
    const allowed = exact(1 - availability.target);
    const query = `(${errorRatioQuery(
      prometheus.metrics,
      parsed.selector,
      WINDOW,
    )}) / ${allowed}`;
    const spanS = (range.to.getTime() - range.from.getTime()) / 1000;
    const step = Math.max(MIN_STEP_S, Math.ceil(spanS / POINTS));
    try {
      const points = await prometheus.client.queryRange(
        server,
        query,
        range.from,
        range.to,
        step,
      );
      return {
        history: {
          ...empty,
          query,
          points: points.map(p => ({
            at: p.at.toISOString(),
            burnRate: exact(p.value),
          })),
        },
        problems: [],
      };
    } catch (error) {
      if (error instanceof PrometheusUnavailableError) {
        return { history: { ...empty, query }, problems: [error.message] };
      }
      throw error;
    }
  }

  /**
   * One point per hourly rollup, at the end of its hour (or now, for the
   * hour under way): the failed share of the probes of the production
   * endpoints (of all, where none is).
   */
  private async fromProbes(
    entityRef: string,
    availability: AvailabilityObjective,
    range: { from: Date; to: Date },
  ): Promise<BurnRateHistory['points']> {
    const endpoints = await this.options.health.getEndpoints(entityRef);
    const production = endpoints.filter(e => e.environment === PRODUCTION);
    const environments = new Set(
      (production.length > 0 ? production : endpoints).map(e => e.environment),
    );
    if (environments.size === 0) return [];
    const rollups = await this.options.health.getRollups(entityRef, range);
    const byHour = new Map<number, { probes: number; failures: number }>();
    for (const r of rollups) {
      if (r.bucket !== 'hour' || !environments.has(r.environment)) continue;
      const end = r.bucketStart.getTime() + HOUR_MS;
      const sum = byHour.get(end) ?? { probes: 0, failures: 0 };
      // As the SLI counts them: probes the policy refused were never sent.
      sum.probes += sentProbes(r);
      sum.failures += badProbes(r);
      byHour.set(end, sum);
    }
    const allowed = exact(1 - availability.target);
    return [...byHour.entries()]
      .filter(([, sum]) => sum.probes > 0)
      .sort(([a], [b]) => a - b)
      .map(([end, sum]) => ({
        at: new Date(Math.min(end, range.to.getTime())).toISOString(),
        burnRate: exact(sum.failures / sum.probes / allowed),
      }));
  }
}
