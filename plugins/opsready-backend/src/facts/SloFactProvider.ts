import { Entity } from '@backstage/catalog-model';
import {
  declaredHealthEndpoints,
  normalizeEntityRef,
} from '@opsready/plugin-opsready-common';
import {
  FactProvider,
  ServiceFacts,
  SliMeasurement,
  SloFacts,
  SloSpec,
} from '@opsready/plugin-opsready-node';
import pLimit from 'p-limit';
import { PrometheusMetricsConfig } from '../config/readPrometheusConfig';
import { HealthStore } from '../database/HealthStore';
import {
  PrometheusQuerier,
  PrometheusUnavailableError,
} from '../prometheus/PrometheusClient';
import { measureFromProbes } from '../prometheus/measureFromProbes';
import { measureFromPrometheus } from '../prometheus/measureFromPrometheus';
import {
  PROMETHEUS_SELECTOR_ANNOTATION,
  PROMETHEUS_SERVICE_NAME_ANNOTATION,
  parseSelector,
} from '../prometheus/promql';

/** An entity's objectives as read from its annotations or the defaults. */
export type SpecOf = (entity: Entity) => { spec?: SloSpec; problems: string[] };

const DEFAULT_CONCURRENCY = 4;

/**
 * One entity's service level as a measurement found it. `spec` is absent
 * for an entity without objectives, `sli` when nothing could be measured
 * (a Prometheus that did not answer, endpoints not probed yet): neither
 * says anything about how the budget burns.
 */
export interface SloMeasured {
  entityRef: string;
  spec?: SloSpec;
  sli?: SliMeasurement;
  problems: string[];
}

/**
 * Service level facts for the SLO checks. Each entity's objectives come from
 * `specOf`; its SLIs from Prometheus where it names its series
 * (`prometheus.io/selector`, on the server `prometheus.io/service-name` or
 * the default one), else from OpsReady's probes. An entity with neither
 * objectives nor a selector gets no SLO facts. What cannot be measured (a
 * Prometheus that did not answer, a selector that does not parse) becomes a
 * problem with no SLI, so the checks answer `unknown` and never pass on it;
 * probes never stand in for series the entity says Prometheus has.
 */
export class SloFactProvider implements FactProvider {
  readonly id = 'slo';

  constructor(
    private readonly options: {
      specOf: SpecOf;
      /** Absent where no Prometheus server is configured. */
      prometheus?: {
        client: PrometheusQuerier;
        metrics: PrometheusMetricsConfig;
      };
      health?: Pick<
        HealthStore,
        'getEndpoints' | 'getRollups' | 'getTransitions'
      >;
      /** Entities measured at once. Default 4. */
      concurrency?: number;
      now?: () => Date;
      /**
       * Told of every batch measured, entities without objectives
       * included, once the batch is; the SLO status and its burn-rate
       * alerts follow each measurement. It handles its own failures: the
       * facts do not depend on it.
       */
      onMeasured?: (measured: SloMeasured[]) => Promise<void>;
    },
  ) {}

  async gather(
    entities: Entity[],
  ): Promise<Map<string, Partial<ServiceFacts>>> {
    const results = await this.measureAll(entities);
    const facts = new Map<string, Partial<ServiceFacts>>();
    entities.forEach((entity, i) => {
      const slo = results[i];
      if (slo) {
        facts.set(normalizeEntityRef(entity), { slo });
      }
    });
    return facts;
  }

  /**
   * Measures one entity now, as an evaluation would (the hook is told),
   * for a reader that finds no measurement stored yet.
   */
  async measure(entity: Entity): Promise<SloFacts | undefined> {
    const [slo] = await this.measureAll([entity]);
    return slo;
  }

  private async measureAll(
    entities: Entity[],
  ): Promise<Array<SloFacts | undefined>> {
    const limit = pLimit(this.options.concurrency ?? DEFAULT_CONCURRENCY);
    const now = this.options.now?.() ?? new Date();
    const results = await Promise.all(
      entities.map(entity => limit(() => this.sloOf(entity, now))),
    );
    await this.options.onMeasured?.(
      entities.map((entity, i) => {
        const slo = results[i];
        return {
          entityRef: normalizeEntityRef(entity),
          ...(slo?.spec ? { spec: slo.spec } : {}),
          ...(slo?.sli ? { sli: slo.sli } : {}),
          problems: slo?.problems ?? [],
        };
      }),
    );
    return results;
  }

  private async sloOf(
    entity: Entity,
    now: Date,
  ): Promise<SloFacts | undefined> {
    const { spec, problems } = this.options.specOf(entity);
    const annotations = entity.metadata.annotations ?? {};
    const rawSelector = annotations[PROMETHEUS_SELECTOR_ANNOTATION];
    if (!spec && rawSelector === undefined) {
      return undefined;
    }
    const measured =
      rawSelector !== undefined
        ? await this.fromPrometheus(
            rawSelector,
            annotations[PROMETHEUS_SERVICE_NAME_ANNOTATION],
            spec,
            now,
          )
        : await this.fromProbes(entity, spec, now);
    const allProblems = [...problems, ...measured.problems];
    return {
      ...(spec ? { spec } : {}),
      ...(measured.sli ? { sli: measured.sli } : {}),
      ...(allProblems.length > 0 ? { problems: allProblems } : {}),
    };
  }

  private async fromPrometheus(
    rawSelector: string,
    serviceName: string | undefined,
    spec: SloSpec | undefined,
    now: Date,
  ): Promise<{ sli?: SliMeasurement; problems: string[] }> {
    const parsed = parseSelector(rawSelector);
    if (!parsed.ok) {
      return { problems: [parsed.problem] };
    }
    const prometheus = this.options.prometheus;
    const server = serviceName?.trim() || prometheus?.client.defaultServer;
    if (!prometheus || !server) {
      return {
        problems: [
          `The entity names its series (${PROMETHEUS_SELECTOR_ANNOTATION}) but no Prometheus server is configured under opsready.prometheus.servers`,
        ],
      };
    }
    if (!prometheus.client.hasServer(server)) {
      return {
        problems: [
          `The ${PROMETHEUS_SERVICE_NAME_ANNOTATION} annotation names Prometheus ${server}, which is not configured under opsready.prometheus.servers`,
        ],
      };
    }
    try {
      const sli = await measureFromPrometheus({
        client: prometheus.client,
        server,
        selector: parsed.selector,
        spec,
        metrics: prometheus.metrics,
        now,
      });
      return { sli, problems: [] };
    } catch (error) {
      if (error instanceof PrometheusUnavailableError) {
        return { problems: [error.message] };
      }
      throw error;
    }
  }

  private async fromProbes(
    entity: Entity,
    spec: SloSpec | undefined,
    now: Date,
  ): Promise<{ sli?: SliMeasurement; problems: string[] }> {
    const sli = this.options.health
      ? await measureFromProbes({
          store: this.options.health,
          entityRef: normalizeEntityRef(entity),
          spec,
          now,
        })
      : undefined;
    if (sli && (sli.events ?? 0) > 0) {
      return { sli, problems: [] };
    }
    // Declared but not probed yet (a service just created): nothing to
    // measure yet is not a problem, and its budget is pending.
    if (
      this.options.health &&
      declaredHealthEndpoints(entity.metadata).endpoints.length > 0
    ) {
      return { problems: [] };
    }
    return {
      problems: [
        `Nothing measures this entity's service level: it names no Prometheus series (${PROMETHEUS_SELECTOR_ANNOTATION}) and OpsReady probes none of its endpoints`,
      ],
    };
  }
}
