import { LoggerService } from '@backstage/backend-plugin-api';
import { SloStatusStore, StoredSloStatus } from '../database/SloStatusStore';
import { SloMeasured } from '../facts/SloFactProvider';
import { BurnRateErrors, EntityBurn } from './burnRateErrors';
import { sloStatusOf } from './sloStatus';

const now = () => new Date().toISOString();

/**
 * What follows each measurement of SLIs: the entity's status is stored for
 * the API, and its burn-rate alerts open and resolve errors on the
 * timeline. A measurement that found nothing (Prometheus down, nothing
 * probed yet) changes neither: it says nothing about how the budget burns.
 * An entity measured without objectives has its status forgotten and its
 * alerts resolved.
 */
export class SloService {
  constructor(
    private readonly options: {
      store: SloStatusStore;
      errors: BurnRateErrors;
      logger: LoggerService;
    },
  ) {}

  /** The SloFactProvider's hook. Never throws: the evaluation goes on. */
  readonly onMeasured = async (measured: SloMeasured[]): Promise<void> => {
    try {
      await this.record(measured);
    } catch (error) {
      this.options.logger.warn(
        `Could not record the SLO status of ${measured.length} entities: ${error}`,
      );
    }
  };

  private async record(measured: SloMeasured[]): Promise<void> {
    const statuses: StoredSloStatus[] = [];
    const burns: EntityBurn[] = [];
    const withoutSlo: string[] = [];
    for (const m of measured) {
      if (!m.spec) {
        withoutSlo.push(m.entityRef);
        burns.push({ entityRef: m.entityRef, alerts: [], at: now() });
      } else if (m.sli) {
        const status = sloStatusOf({ ...m, spec: m.spec, sli: m.sli });
        statuses.push(status);
        burns.push({
          entityRef: m.entityRef,
          spec: m.spec,
          alerts: status.alerts,
          at: status.measuredAt,
        });
      }
    }
    if (withoutSlo.length > 0) {
      await this.options.store.deleteStatuses(withoutSlo);
    }
    if (statuses.length > 0) {
      await this.options.store.saveStatuses(statuses);
    }
    await this.options.errors.sync(burns);
  }
}
