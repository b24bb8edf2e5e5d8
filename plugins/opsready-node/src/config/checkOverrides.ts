import { Config } from '@backstage/config';
import { appliesToEntity } from '../checks/applicability';
import { CheckApplicability, CheckDefinition } from '../checks/types';

/**
 * What config may change about one check.
 *
 * @public
 */
export interface CheckOverride {
  /** Another weight in the score. */
  weight?: number;
  /** Narrows where the check applies; it never widens the check's own rule. */
  appliesTo?: CheckApplicability;
}

/**
 * The checks as configured: disabled ones dropped, weights replaced, and
 * applicability narrowed. A narrowed check answers `not-applicable` outside
 * the configured scope, on top of its own `appliesTo`. The backend and a
 * template's promised score both run the checks through here.
 *
 * @public
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

// Check ids contain dots, which Config reads as paths: the overrides are read
// as plain data and validated here.
export function readCheckOverrides(
  checks: Config | undefined,
): Map<string, CheckOverride> {
  const raw = checks?.getOptional<Record<string, any>>('overrides') ?? {};
  const overrides = new Map<string, CheckOverride>();
  for (const [checkId, override] of Object.entries(raw)) {
    const key = `opsready.checks.overrides.${checkId}`;
    if (typeof override !== 'object' || override === null) {
      throw new Error(`${key} must be an object with weight and/or appliesTo`);
    }
    const { weight, appliesTo } = override;
    if (
      weight !== undefined &&
      (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
    ) {
      throw new Error(
        `${key}.weight must be a number of 0 or more, got ${weight}`,
      );
    }
    overrides.set(checkId, {
      weight,
      appliesTo: appliesTo && {
        kinds: stringArray(appliesTo.kinds, `${key}.appliesTo.kinds`),
        types: stringArray(appliesTo.types, `${key}.appliesTo.types`),
        lifecycles: stringArray(
          appliesTo.lifecycles,
          `${key}.appliesTo.lifecycles`,
        ),
        tags: stringArray(appliesTo.tags, `${key}.appliesTo.tags`),
      },
    });
  }
  return overrides;
}

function stringArray(value: unknown, key: string): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    throw new Error(`${key} must be a list of strings`);
  }
  return value;
}
