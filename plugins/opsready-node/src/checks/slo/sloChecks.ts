import { CheckDefinition } from '../types';
import { sloBudgetCheck } from './sloBudgetCheck';
import { sloDeclaredCheck } from './sloDeclaredCheck';

/**
 * The service level checks: objectives declared, and kept. They are shown
 * among the observability checks.
 *
 * @internal
 */
export const sloChecks: CheckDefinition[] = [sloDeclaredCheck, sloBudgetCheck];
