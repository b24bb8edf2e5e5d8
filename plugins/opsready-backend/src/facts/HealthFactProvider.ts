import { Entity } from '@backstage/catalog-model';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import {
  FactProvider,
  HEALTH_WINDOW_HOURS,
  ServiceFacts,
} from '@opsready/plugin-opsready-node';
import { HealthService } from '../health/HealthService';

/**
 * Health facts for the checks, from what the prober measured over the last
 * 24 hours, maintenance left out of uptime. While the prober runs, an entity it has not probed yet gets
 * health facts without figures, so the health checks answer `pending`
 * until its first probe. With probing off there is nothing to wait for:
 * entities get no health facts, and the health checks answer `unknown`.
 */
export class HealthFactProvider implements FactProvider {
  readonly id = 'health';

  constructor(
    private readonly health: HealthService,
    private readonly options: { probing: boolean; now?: () => Date },
  ) {}

  async gather(
    entities: Entity[],
  ): Promise<Map<string, Partial<ServiceFacts>>> {
    const facts = new Map<string, Partial<ServiceFacts>>();
    for (const entity of entities) {
      const { endpoints } = await this.health.entityHealth(
        normalizeEntityRef(entity),
        this.options.now?.() ?? new Date(),
      );
      if (endpoints.length === 0 && !this.options.probing) {
        continue;
      }
      facts.set(normalizeEntityRef(entity), {
        health: {
          windowHours: HEALTH_WINDOW_HOURS,
          endpoints: endpoints.map(e => {
            const day = e.windows['24h'];
            return {
              environment: e.environment,
              url: e.url,
              status: e.status,
              ...(day.uptime !== null ? { uptime: day.uptime } : {}),
              ...(day.maintenanceProbes > 0
                ? { maintenanceProbes: day.maintenanceProbes }
                : {}),
              ...(day.p95Ms !== null ? { p95LatencyMs: day.p95Ms } : {}),
              probes: day.probes,
              unanswered: {
                refused: day.refused,
                failedToConnect: day.failedToConnect,
                timedOut: day.timedOut,
              },
            };
          }),
        },
      });
    }
    return facts;
  }
}
