import {
  appliesToEntity,
  CheckDefinition,
} from '@opsready/plugin-opsready-node';
import { CheckOverride } from './readOpsReadyConfig';

/**
 * The checks as configured: disabled ones dropped, weights replaced, and
 * applicability narrowed. A narrowed check answers `not-applicable` outside
 * the configured scope, on top of its own `appliesTo`.
 */
export function applyCheckConfig(
  checks: ReadonlyArray<CheckDefinition>,
  config: { disabledChecks: string[]; overrides: Map<string, CheckOverride> },
): CheckDefinition[] {
  const disabled = new Set(config.disabledChecks);
  return checks
    .filter(check => !disabled.has(check.id))
    .map(check => {
      const override = config.overrides.get(check.id);
      if (!override) {
        return check;
      }
      const narrowing = override.appliesTo;
      return {
        ...check,
        weight: override.weight ?? check.weight,
        evaluate: narrowing
          ? (facts, context) =>
              appliesToEntity(narrowing, facts.entity)
                ? check.evaluate(facts, context)
                : {
                    status: 'not-applicable',
                    message:
                      'This check is configured not to apply to this entity.',
                  }
          : check.evaluate,
      };
    });
}
