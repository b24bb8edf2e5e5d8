export { sloChecks } from './sloChecks';
export { sloDeclaredCheck } from './sloDeclaredCheck';
export { sloBudgetCheck } from './sloBudgetCheck';
