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

/** An entity's burn-rate alerts of one severity: one episode at a time. */
const episodeKey = (entityRef: string, severity: BurnRateAlert['severity']) =>
  `${entityRef}|${severity}`;

/**
 * Keeps the error timeline in step with the burn-rate alerts, one error
 * per severity: while any page rule fires the entity has one critical
 * error (which tells the owners), while any ticket rule fires one medium
 * one. Two page rules firing together (1 h and 6 h) are one outage, not
 * two pages, as Alertmanager would group them. The error opens with the
 * fastest rule's words, stays as it is while a rule of its severity fires,
 * and is resolved at the first measurement where none does. Each episode is
 * its own error: its externalId says the entity, the severity and when the
 * episode began. It goes through the event ingest like any other source,
 * so it is correlated with the deployment before it.
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
      for (const alert of strongestBySeverity(
        burn.spec?.availability ? burn.alerts : [],
      )) {
        const key = episodeKey(burn.entityRef, alert.severity);
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
      ...this.common(burn.entityRef, alert.severity),
      message: `${alert.message} SLO: ${slo}.`,
      occurredAt: burn.at,
      externalId: `${episodeKey(burn.entityRef, alert.severity)}|${burn.at}`,
    };
  }

  private resolved(burn: EntityBurn, externalId: string): ServiceErrorInput {
    const [, severity, since] = externalId
      .slice(burn.entityRef.length)
      .split('|');
    return {
      ...this.common(burn.entityRef, severity === 'page' ? 'page' : 'ticket'),
      // The episode's own time: the error keeps the message it opened with.
      message: `The error budget burned fast enough for a ${severity}`,
      occurredAt: since,
      resolvedAt: burn.at,
      externalId,
    };
  }

  private common(entityRef: string, severity: BurnRateAlert['severity']) {
    return {
      entityRef,
      environment: this.options.environment,
      stage: 'runtime',
      code: SLO_BURN_RATE_CODE,
      severity:
        severity === 'page' ? ('critical' as const) : ('medium' as const),
      category: 'performance' as const,
      fingerprint: `slo-burn:${entityRef}:${severity}`,
      source: SLO_ERROR_SOURCE,
    };
  }
}

/** Of each severity's alerts, the one whose rule has the highest factor. */
function strongestBySeverity(alerts: BurnRateAlert[]): BurnRateAlert[] {
  const strongest = new Map<BurnRateAlert['severity'], BurnRateAlert>();
  for (const alert of alerts) {
    const kept = strongest.get(alert.severity);
    if (!kept || alert.factor > kept.factor) {
      strongest.set(alert.severity, alert);
    }
  }
  return [...strongest.values()];
}
