export { EntitySloCard } from './EntitySloCard';
export { BurnRateAlerts } from './BurnRateAlerts';
export {
  burnRateLabel,
  budgetLabel,
  overspentLabel,
  percent,
  worstAlert,
  type BurnRateAlert,
} from './sloWords';
