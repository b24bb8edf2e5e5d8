import { evaluatorOf, serviceComponent } from '../testFacts';
import { SliMeasurement } from '../../slo/types';

/** Test helper: evaluates one SLO check on these SLO facts. */
export const evaluate = evaluatorOf('slo');

/** Test helper: the production component `cart` with these annotations. */
export function component(
  annotations: Record<string, string> = {},
  lifecycle = 'production',
) {
  return serviceComponent({
    metadata: { annotations },
    spec: { lifecycle },
  });
}

/** Test helper: a Prometheus measurement with these error ratios. */
export function measured(
  errorRatios: SliMeasurement['errorRatios'],
  figures: Partial<SliMeasurement> = {},
): SliMeasurement {
  return {
    source: 'prometheus',
    queries: ['sum(rate(http_requests_total{job="cart",code=~"5.."}[28d]))'],
    errorRatios,
    events: 1_000_000,
    measuredAt: '2026-11-22T12:00:00Z',
    ...figures,
  };
}
