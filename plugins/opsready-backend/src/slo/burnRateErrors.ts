import { BurnRateAlert, SloSpec } from '@opsready/plugin-opsready-node';
import { ServiceErrorInput } from '@opsready/plugin-opsready-common';
import { EventIngest } from '../events/EventIngest';
import { describeAvailability } from './sloStatus';

/** The source of the errors burn-rate alerts open. */
export const SLO_ERROR_SOURCE = 'opsready-slo';
export const SLO_BURN_RATE_CODE = 'SLO_BURN_RATE';

/** What the burn-rate alerts of one entity are, as last measured. */
export interface EntityBurn {
  entityRef: string;
  /** Absent: the entity has no SLO any more, and nothing fires. */
  spec?: SloSpec;
  alerts: BurnRateAlert[];
  /** When it was measured. ISO 8601. */
  at: string;
}

/** A rule of an entity: its severity and factor name it. */
const ruleKey = (
  entityRef: string,
  alert: Pick<BurnRateAlert, 'severity' | 'factor'>,
) => `${entityRef}|${alert.severity}|${alert.factor}`;

/**
 * Keeps the error timeline in step with the burn-rate alerts: a rule that
 * starts firing opens one error (a page is critical, which tells the
 * owners; a ticket medium), which stays as it is while the rule keeps
 * firing, and is resolved at the first measurement where it no longer
 * does. Each episode is its own error: its externalId says the entity,
 * the rule and when the episode began. It goes through the event ingest
 * like any other source, so it is correlated with the deployment before it.
 */
export class BurnRateErrors {
  constructor(
    private readonly options: {
      ingest: Pick<EventIngest, 'recordErrors' | 'listOpenErrors'>;
      /** The environment the SLOs speak of. */
      environment: string;
    },
  ) {}

  async sync(burns: EntityBurn[]): Promise<void> {
    if (burns.length === 0) return;
    const measured = new Set(burns.map(b => b.entityRef));
    // Open episodes by rule; only those of the entities measured now.
    const open = new Map<string, string>();
    for (const e of await this.options.ingest.listOpenErrors(
      SLO_ERROR_SOURCE,
    )) {
      if (!measured.has(e.entityRef)) continue;
      const since = e.externalId.lastIndexOf('|');
      open.set(e.externalId.slice(0, since), e.externalId);
    }
    const inputs: ServiceErrorInput[] = [];
    for (const burn of burns) {
      const firing = new Set<string>();
      for (const alert of burn.spec?.availability ? burn.alerts : []) {
        const key = ruleKey(burn.entityRef, alert);
        firing.add(key);
        if (!open.has(key)) {
          inputs.push(this.opened(burn, alert));
        }
      }
      for (const [key, externalId] of open) {
        if (key.startsWith(`${burn.entityRef}|`) && !firing.has(key)) {
          inputs.push(this.resolved(burn, externalId));
        }
      }
    }
    if (inputs.length > 0) {
      await this.options.ingest.recordErrors(inputs);
    }
  }

  private opened(burn: EntityBurn, alert: BurnRateAlert): ServiceErrorInput {
    const slo = describeAvailability(burn.spec!.availability!);
    return {
      ...this.common(burn.entityRef, alert.severity, alert.factor),
      message: `${alert.message} SLO: ${slo}.`,
      occurredAt: burn.at,
      externalId: `${ruleKey(burn.entityRef, alert)}|${burn.at}`,
    };
  }

  private resolved(burn: EntityBurn, externalId: string): ServiceErrorInput {
    const [, severity, factor, since] = externalId
      .slice(burn.entityRef.length)
      .split('|');
    const page = severity === 'page';
    return {
      ...this.common(burn.entityRef, page ? 'page' : 'ticket', Number(factor)),
      // The episode's own time: the error keeps the message it opened with.
      message: `The error budget burned at least ${factor}× the sustainable rate`,
      occurredAt: since,
      resolvedAt: burn.at,
      externalId,
    };
  }

  private common(
    entityRef: string,
    severity: BurnRateAlert['severity'],
    factor: number,
  ) {
    return {
      entityRef,
      environment: this.options.environment,
      stage: 'runtime',
      code: SLO_BURN_RATE_CODE,
      severity:
        severity === 'page' ? ('critical' as const) : ('medium' as const),
      category: 'performance' as const,
      fingerprint: `slo-burn:${entityRef}:${severity}:${factor}`,
      source: SLO_ERROR_SOURCE,
    };
  }
}
