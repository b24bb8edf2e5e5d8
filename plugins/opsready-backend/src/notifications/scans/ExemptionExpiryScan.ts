import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ExemptionsStore } from '../../database/ExemptionsStore';
import { DomainEvent, DomainEventPublisher } from '../types';

const DAY_MS = 24 * 3600_000;

/** More exemptions than this in one scan are left to a later one, and logged. */
const MAX_PER_SCAN = 1000;

/**
 * Once an hour across replicas (a global task), publishes
 * `exemption.expiring` for the exemptions in force that expire within a
 * week (expired: false) and for those that expired in the last days
 * (expired: true), so that a backend that was down over an expiry still
 * tells of it. A scan publishes again what the one before did: the
 * handlers give each exemption's warning and expiry a `once` key, and the
 * delivery sends each at most once.
 */
export class ExemptionExpiryScan {
  constructor(
    private readonly deps: {
      exemptions: Pick<ExemptionsStore, 'expiringExemptions'>;
      publisher: DomainEventPublisher;
      scheduler: SchedulerService;
      logger: LoggerService;
      /** Warn this many days ahead. Default 7. */
      warnDays?: number;
      /** Tell of expiries this many days back. Default 3. */
      lookBackDays?: number;
    },
  ) {}

  async start(): Promise<void> {
    await this.deps.scheduler.scheduleTask({
      id: 'opsready-notify-exemption-expiry',
      scope: 'global',
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 2 },
      fn: async () => {
        await this.run();
      },
    });
  }

  async run(now = new Date()): Promise<{ expiring: number; expired: number }> {
    const { exemptions, publisher, logger } = this.deps;
    const warnMs = (this.deps.warnDays ?? 7) * DAY_MS;
    const lookBackMs = (this.deps.lookBackDays ?? 3) * DAY_MS;
    const [expiring, expired] = await Promise.all([
      exemptions.expiringExemptions(
        { from: now, to: new Date(now.getTime() + warnMs) },
        MAX_PER_SCAN,
      ),
      exemptions.expiringExemptions(
        { from: new Date(now.getTime() - lookBackMs), to: now },
        MAX_PER_SCAN,
      ),
    ]);
    if (expiring.length === MAX_PER_SCAN || expired.length === MAX_PER_SCAN) {
      logger.warn(
        `OpsReady exemption expiry scan found ${MAX_PER_SCAN} or more exemptions to tell of; the rest wait for a later scan`,
      );
    }
    const events: DomainEvent[] = [
      ...expiring.map(e => ({ exemption: e, expired: false })),
      ...expired.map(e => ({ exemption: e, expired: true })),
    ].map(({ exemption, expired: isExpired }) => ({
      type: 'exemption.expiring',
      entityRef: exemption.entityRef,
      exemptionId: exemption.id,
      checkId: exemption.checkId,
      expiresAt: exemption.expiresAt,
      expired: isExpired,
    }));
    if (events.length > 0) {
      await publisher.publish(events);
    }
    logger.debug(
      `OpsReady exemption expiry scan: ${expiring.length} expiring, ${expired.length} expired`,
    );
    return { expiring: expiring.length, expired: expired.length };
  }
}
