export * from './types';
export {
  readSloSpec,
  tierOf,
  SLO_ANNOTATION,
  SLO_AVAILABILITY_ANNOTATION,
  SLO_LATENCY_ANNOTATION,
  SLO_WINDOW_ANNOTATION,
  type SloSpecReading,
} from './readSloSpec';
export { readSloDefaults } from './readSloDefaults';
export {
  errorBudget,
  burnRateAlerts,
  type ErrorBudget,
  type BurnRateAlert,
} from './errorBudget';
