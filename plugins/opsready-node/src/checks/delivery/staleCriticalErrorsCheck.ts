import { CheckDefinition } from '../types';
import { duration, forProductionDelivery, HOUR_MS } from './productionDelivery';

const TRAILING_DOTS = /\.+$/;

/** @public */
export const noStaleCriticalErrorsCheck: CheckDefinition = {
  id: 'delivery.no-stale-critical-errors',
  title: 'No stale critical errors',
  description:
    'No critical error stays unresolved longer than the configured number of hours: a critical error nobody works on is a failure of ownership.',
  category: 'delivery',
  severity: 'critical',
  weight: 3,
  remediation: [
    'Resolve the critical errors listed in the evidence, or downgrade those that are not critical, noting what was done.',
    'The number of hours is set in app-config:',
    '```yaml',
    'opsready:',
    '  checks:',
    '    criticalErrorMaxAgeHours: 24',
    '```',
  ].join('\n'),
  appliesTo: { kinds: ['Component'] },
  evaluate: (facts, context) =>
    forProductionDelivery(facts, context, delivery => {
      const maxHours = context.options.criticalErrorMaxAgeHours;
      const now = context.now.getTime();
      const open = delivery.openCriticalErrors.map(error => ({
        ...error,
        ageMs: now - Date.parse(error.openedAt),
      }));
      const stale = open
        .filter(error => error.ageMs > maxHours * HOUR_MS)
        .sort((a, b) => b.ageMs - a.ageMs);
      const undated = open.filter(error => Number.isNaN(error.ageMs));
      const listed = (errors: typeof open) =>
        errors.map(({ id, openedAt, message }) => ({ id, openedAt, message }));
      if (stale.length > 0) {
        const [oldest] = stale;
        return {
          status: 'fail',
          message: `${stale.length} critical ${
            stale.length === 1 ? 'error has' : 'errors have'
          } been open longer than ${maxHours} hours, the oldest for ${duration(
            oldest.ageMs,
          )}: ${oldest.message.trim().replace(TRAILING_DOTS, '')}.`,
          evidence: { maxAgeHours: maxHours, stale: listed(stale) },
        };
      }
      if (undated.length > 0) {
        return {
          status: 'unknown',
          message: `${
            undated.length === 1 ? 'Critical error' : 'Critical errors'
          } ${undated.map(e => e.id).join(', ')} ${
            undated.length === 1 ? 'has' : 'have'
          } no readable opening time, so whether ${
            undated.length === 1 ? 'it is' : 'they are'
          } stale is not known.`,
          evidence: { maxAgeHours: maxHours, undated: listed(undated) },
        };
      }
      return {
        status: 'pass',
        message:
          open.length === 0
            ? 'No critical error is open.'
            : `${open.length} critical ${
                open.length === 1 ? 'error is' : 'errors are'
              } open, none for longer than ${maxHours} hours.`,
        evidence: { maxAgeHours: maxHours, open: listed(open) },
      };
    }),
};
