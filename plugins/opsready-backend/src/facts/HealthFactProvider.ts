import { Entity } from '@backstage/catalog-model';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import { FactProvider, ServiceFacts } from '@opsready/plugin-opsready-node';
import { HealthService } from '../health/HealthService';

/**
 * Health facts for the checks, from what the prober measured over the last
 * 24 hours. An entity whose endpoints were never probed gets none, so the
 * health checks answer `unknown` until the first probe.
 */
export class HealthFactProvider implements FactProvider {
  readonly id = 'health';

  constructor(
    private readonly health: HealthService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async gather(
    entities: Entity[],
  ): Promise<Map<string, Partial<ServiceFacts>>> {
    const facts = new Map<string, Partial<ServiceFacts>>();
    for (const entity of entities) {
      const { endpoints } = await this.health.entityHealth(
        normalizeEntityRef(entity),
        this.now(),
      );
      if (endpoints.length === 0) {
        continue;
      }
      facts.set(normalizeEntityRef(entity), {
        health: {
          windowHours: 24,
          endpoints: endpoints.map(e => {
            const day = e.windows['24h'];
            return {
              environment: e.environment,
              url: e.url,
              status: e.status,
              ...(day.uptime !== null ? { uptime: day.uptime } : {}),
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
