import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { EndpointState } from '../health/endpointState';
import {
  emptyHistogram,
  mergeHistograms,
  recordLatency,
} from '../health/latencyHistogram';
import {
  HealthStore,
  ProbeRecord,
  Rollup,
  StoredEndpoint,
  StoredTransition,
} from './HealthStore';
import { migratedClient } from './migrate';

type DbTime = Date | string | number;
const toDate = (value: DbTime) =>
  value instanceof Date ? value : new Date(value);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

function startOf(at: Date, size: number): Date {
  return new Date(Math.floor(at.getTime() / size) * size);
}

function toEndpoint(row: any): StoredEndpoint {
  const state: EndpointState = {
    status: row.status,
    consecutiveSuccesses: Number(row.consecutive_successes),
    consecutiveFailures: Number(row.consecutive_failures),
    recentTransitions: JSON.parse(row.recent_transitions),
    flapping: Boolean(row.flapping),
    ...(row.since ? { since: toDate(row.since).toISOString() } : {}),
  };
  return {
    entityRef: row.entity_ref,
    environment: row.environment,
    url: row.url,
    state,
    ...(row.last_probe_at
      ? {
          lastProbe: {
            at: toDate(row.last_probe_at).toISOString(),
            latencyMs: Number(row.last_latency_ms),
            ...(row.last_status_code !== null
              ? { statusCode: Number(row.last_status_code) }
              : {}),
            ...(row.last_reason ? { reason: row.last_reason } : {}),
          },
        }
      : {}),
  };
}

function toRollup(row: any): Rollup {
  return {
    environment: row.environment,
    bucket: row.bucket,
    bucketStart: toDate(row.bucket_start),
    probes: Number(row.probes),
    failures: Number(row.failures),
    histogram: JSON.parse(row.latency_histogram),
  };
}

/** The knex-backed health store, on SQLite or PostgreSQL. */
export class DatabaseHealthStore implements HealthStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseHealthStore> {
    return new DatabaseHealthStore(await migratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  async getEndpoints(entityRef: string): Promise<StoredEndpoint[]> {
    const rows = await this.db('opsready_health_endpoints')
      .where('entity_ref', entityRef)
      .orderBy('environment');
    return rows.map(toEndpoint);
  }

  async getEndpoint(entityRef: string, environment: string) {
    const row = await this.db('opsready_health_endpoints')
      .where({ entity_ref: entityRef, environment })
      .first();
    return row ? toEndpoint(row) : undefined;
  }

  async recordProbe(record: ProbeRecord): Promise<void> {
    const { entityRef, environment, url, state, transition, probe } = record;
    await this.db.transaction(async tx => {
      await tx('opsready_health_endpoints')
        .insert({
          entity_ref: entityRef,
          environment,
          url,
          status: state.status,
          consecutive_successes: state.consecutiveSuccesses,
          consecutive_failures: state.consecutiveFailures,
          recent_transitions: JSON.stringify(state.recentTransitions),
          flapping: state.flapping,
          since: state.since ? new Date(state.since) : null,
          last_probe_at: probe.at,
          last_latency_ms: Math.round(probe.latencyMs),
          last_status_code: probe.statusCode ?? null,
          last_reason: probe.up ? null : probe.reason ?? null,
        })
        .onConflict(['entity_ref', 'environment'])
        .merge();

      if (transition) {
        await tx('opsready_health_transitions').insert({
          entity_ref: entityRef,
          environment,
          from_status: transition.from,
          to_status: transition.to,
          at: new Date(transition.at),
          reason: transition.reason ?? null,
        });
      }

      // Each endpoint is probed by one replica at a time (its shard's task),
      // so this read-modify-write of its hour has no concurrent writer.
      const key = {
        entity_ref: entityRef,
        environment,
        bucket: 'hour',
        bucket_start: startOf(probe.at, HOUR),
      };
      const existing = await tx('opsready_health_rollups').where(key).first();
      const histogram = existing
        ? JSON.parse(existing.latency_histogram)
        : emptyHistogram();
      recordLatency(histogram, probe.latencyMs);
      const values = {
        probes: (existing ? Number(existing.probes) : 0) + 1,
        failures:
          (existing ? Number(existing.failures) : 0) + (probe.up ? 0 : 1),
        latency_histogram: JSON.stringify(histogram),
      };
      if (existing) {
        await tx('opsready_health_rollups').where(key).update(values);
      } else {
        await tx('opsready_health_rollups').insert({ ...key, ...values });
      }
    });
  }

  async getTransitions(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<StoredTransition[]> {
    const rows = await this.db('opsready_health_transitions')
      .where('entity_ref', entityRef)
      .whereBetween('at', [range.from, range.to])
      .orderBy([{ column: 'at' }, { column: 'id' }]);
    return rows.map(row => ({
      environment: row.environment,
      from: row.from_status,
      to: row.to_status,
      at: toDate(row.at).toISOString(),
      ...(row.reason ? { reason: row.reason } : {}),
    }));
  }

  async getRollups(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<Rollup[]> {
    const rows = await this.db('opsready_health_rollups')
      .where('entity_ref', entityRef)
      .where('bucket_start', '>=', startOf(range.from, DAY))
      .where('bucket_start', '<=', range.to)
      .orderBy([{ column: 'bucket_start' }, { column: 'environment' }]);
    return rows.map(toRollup);
  }

  async compactHourlyRollups(before: Date, batchSize = 500): Promise<number> {
    let folded = 0;
    for (;;) {
      const batch = await this.db('opsready_health_rollups')
        .where('bucket', 'hour')
        .where('bucket_start', '<', before)
        .orderBy([
          { column: 'entity_ref' },
          { column: 'environment' },
          { column: 'bucket_start' },
        ])
        .limit(batchSize);
      if (batch.length === 0) {
        return folded;
      }
      await this.db.transaction(async tx => {
        for (const row of batch
          .map(toRollup)
          .map((r, i) => ({ ...r, entityRef: batch[i].entity_ref }))) {
          const key = {
            entity_ref: row.entityRef,
            environment: row.environment,
            bucket: 'day',
            bucket_start: startOf(row.bucketStart, DAY),
          };
          const day = await tx('opsready_health_rollups').where(key).first();
          const values = {
            probes: (day ? Number(day.probes) : 0) + row.probes,
            failures: (day ? Number(day.failures) : 0) + row.failures,
            latency_histogram: JSON.stringify(
              day
                ? mergeHistograms(
                    JSON.parse(day.latency_histogram),
                    row.histogram,
                  )
                : row.histogram,
            ),
          };
          if (day) {
            await tx('opsready_health_rollups').where(key).update(values);
          } else {
            await tx('opsready_health_rollups').insert({ ...key, ...values });
          }
          await tx('opsready_health_rollups')
            .where({
              entity_ref: row.entityRef,
              environment: row.environment,
              bucket: 'hour',
              bucket_start: row.bucketStart,
            })
            .delete();
        }
      });
      folded += batch.length;
    }
  }

  async deleteOlderThan(before: Date, batchSize = 1000): Promise<number> {
    let deleted = 0;
    for (const table of [
      'opsready_health_rollups',
      'opsready_health_transitions',
    ]) {
      const column =
        table === 'opsready_health_rollups' ? 'bucket_start' : 'at';
      for (;;) {
        // Deleting by primary keys of a bounded select keeps each statement
        // short on both SQLite and PostgreSQL.
        const victims = this.db(table)
          .where(column, '<', before)
          .limit(batchSize);
        const n =
          table === 'opsready_health_transitions'
            ? await this.db(table).whereIn('id', victims.select('id')).delete()
            : await this.db(table)
                .whereIn(
                  ['entity_ref', 'environment', 'bucket', 'bucket_start'],
                  victims.select(
                    'entity_ref',
                    'environment',
                    'bucket',
                    'bucket_start',
                  ),
                )
                .delete();
        deleted += n;
        if (n < batchSize) break;
      }
    }
    return deleted;
  }

  async deleteEndpointsNotIn(
    keep: Array<{ entityRef: string; environment: string }>,
  ): Promise<number> {
    const wanted = new Set(keep.map(k => `${k.entityRef}\n${k.environment}`));
    const rows = await this.db('opsready_health_endpoints').select(
      'entity_ref',
      'environment',
    );
    const gone = rows.filter(
      r => !wanted.has(`${r.entity_ref}\n${r.environment}`),
    );
    for (const row of gone) {
      await this.db.transaction(async tx => {
        for (const table of [
          'opsready_health_endpoints',
          'opsready_health_transitions',
          'opsready_health_rollups',
        ]) {
          await tx(table)
            .where({ entity_ref: row.entity_ref, environment: row.environment })
            .delete();
        }
      });
    }
    return gone.length;
  }
}
