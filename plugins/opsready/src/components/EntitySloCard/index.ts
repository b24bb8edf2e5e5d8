export { EntitySloCard } from './EntitySloCard';
export { BurnRateAlerts } from './BurnRateAlerts';
export {
  burnRateLabel,
  budgetLabel,
  percent,
  worstAlert,
  type BurnRateAlert,
} from './sloWords';
