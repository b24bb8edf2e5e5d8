import { Entity } from '@backstage/catalog-model';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import {
  DeliveryFacts,
  FactProvider,
  ServiceFacts,
} from '@opsready/plugin-opsready-node';
import { DeploymentsStore } from '../database/DeploymentsStore';
import { ErrorsStore } from '../database/ErrorsStore';
import { ProvisionedEventsStore } from '../database/ProvisionedEventsStore';

/** The environment delivery rules and DORA figures speak of by default. */
export const PRODUCTION_ENVIRONMENT = 'production';

/** More open critical problems than this say enough; the rest are not read. */
const MAX_OPEN_CRITICAL = 50;

/**
 * Delivery facts for the checks, from the events store: when the service
 * last deployed to production, the critical errors it leaves open, and when
 * a template created it. Every entity gets them — an entity with no records
 * has simply never deployed and has no open errors — so the delivery checks
 * answer `unknown` only when the store cannot be read (the whole gather then
 * fails, and the engine marks this provider's checks unknown).
 */
export class DeliveryFactProvider implements FactProvider {
  readonly id = 'delivery';

  constructor(
    private readonly options: {
      deployments: Pick<DeploymentsStore, 'latestPerEnvironment'>;
      errors: Pick<ErrorsStore, 'listErrorGroups'>;
      provisioned: Pick<ProvisionedEventsStore, 'provisionedBetween'>;
      now?: () => Date;
    },
  ) {}

  async gather(
    entities: Entity[],
  ): Promise<Map<string, Partial<ServiceFacts>>> {
    const facts = new Map<string, Partial<ServiceFacts>>();
    for (const entity of entities) {
      const ref = normalizeEntityRef(entity);
      facts.set(ref, { delivery: await this.deliveryOf(ref) });
    }
    return facts;
  }

  private async deliveryOf(entityRef: string): Promise<DeliveryFacts> {
    const now = this.options.now?.() ?? new Date();
    const [latest, openCritical, provisioned] = await Promise.all([
      this.options.deployments.latestPerEnvironment(entityRef),
      // One item per problem: repeats of an error are one thing to fix.
      this.options.errors.listErrorGroups(
        entityRef,
        { severity: 'critical', status: 'open' },
        { limit: MAX_OPEN_CRITICAL },
      ),
      this.options.provisioned.provisionedBetween(entityRef, {
        from: new Date(0),
        to: now,
      }),
    ]);
    const production = latest.find(
      d => d.environment === PRODUCTION_ENVIRONMENT,
    );
    const lastProvisioned = provisioned
      .map(p => p.at)
      .sort()
      .at(-1);
    return {
      ...(production
        ? { lastDeploymentAt: production.finishedAt ?? production.startedAt }
        : {}),
      ...(lastProvisioned ? { provisionedAt: lastProvisioned } : {}),
      openCriticalErrors: openCritical.items.map(e => ({
        id: e.id,
        openedAt: e.firstSeenAt,
        message: e.message,
      })),
    };
  }
}
