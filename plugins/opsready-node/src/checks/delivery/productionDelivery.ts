import { durationToMilliseconds } from '@backstage/types';
import { equalIgnoringCase } from '../ignoringCase';
import {
  CheckContext,
  CheckOutcome,
  DeliveryFacts,
  ServiceFacts,
} from '../types';

/**
 * Runs a delivery check's judgement on a production service's delivery
 * facts. Delivery rules hold production services only, so any other
 * lifecycle is not applicable; without delivery facts the answer is unknown.
 */
export function forProductionDelivery(
  facts: ServiceFacts,
  context: CheckContext,
  judge: (delivery: DeliveryFacts) => CheckOutcome,
): CheckOutcome {
  const lifecycle = facts.entity.spec?.lifecycle;
  const production = context.options.productionLifecycles;
  const isProduction =
    typeof lifecycle === 'string' &&
    production.some(p => equalIgnoringCase(p, lifecycle));
  if (!isProduction) {
    return {
      status: 'not-applicable',
      message: `Delivery rules hold production services only (lifecycle ${production.join(
        ' or ',
      )}); this one's lifecycle is ${
        typeof lifecycle === 'string' && lifecycle ? lifecycle : 'not set'
      }.`,
    };
  }
  if (!facts.delivery) {
    return {
      status: 'unknown',
      message:
        'No deployment or error records are available for this service, so its delivery could not be checked.',
    };
  }
  return judge(facts.delivery);
}

export const HOUR_MS = durationToMilliseconds({ hours: 1 });
export const DAY_MS = durationToMilliseconds({ days: 1 });

/** A duration in words, e.g. `3 days`, `5 hours`, `less than an hour`. */
export function duration(ms: number): string {
  if (ms >= 2 * DAY_MS) {
    return `${Math.floor(ms / DAY_MS)} days`;
  }
  if (ms >= HOUR_MS) {
    const hours = Math.floor(ms / HOUR_MS);
    return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  }
  return 'less than an hour';
}
