import { Config } from '@backstage/config';
import {
  CheckDefinition,
  compileDeclarativeCheck,
  DeclarativeCheckSpec,
  declarativeLimits,
} from '@opsready/plugin-opsready-node';
import { z } from 'zod';

const KEY = 'opsready.checks.declarative';

const text = (max: number) => z.string().trim().min(1).max(max);
const strings = z.array(text(200)).max(100);
const scalar = z.union([text(1000), z.number(), z.boolean()]);

const valueTest = {
  exists: z.boolean().optional(),
  equals: scalar.optional(),
  matches: text(declarativeLimits.patternLength).optional(),
};
const path = text(declarativeLimits.pathLength);
const pathTest = z.object({ path, ...valueTest }).strict();

// Every kind is optional here: that exactly one is given, and what the
// patterns, globs and paths hold, is checked as the condition is compiled.
const condition: z.ZodType<unknown> = z.lazy(() =>
  z
    .object({
      entity: pathTest.optional(),
      annotation: z
        .object({ name: text(253), ...valueTest })
        .strict()
        .optional(),
      file: z
        .object({
          path,
          matches: text(declarativeLimits.patternLength).optional(),
          yaml: pathTest.optional(),
        })
        .strict()
        .optional(),
      kubernetes: z
        .object({
          path,
          workloads: z.enum(['every', 'any']).optional(),
          kinds: strings.optional(),
          ...valueTest,
        })
        .strict()
        .optional(),
      health: z
        .object({
          metric: z.enum(['uptime', 'p95LatencyMs']),
          atLeast: z.number().finite().min(0).optional(),
          atMost: z.number().finite().min(0).optional(),
          endpoints: z.enum(['every', 'any']).optional(),
        })
        .strict()
        .optional(),
      delivery: z
        .object({
          deployedWithinDays: z.number().finite().min(0).optional(),
          openCriticalErrorsAtMost: z.number().int().min(0).optional(),
        })
        .strict()
        .optional(),
      all: z.array(condition).optional(),
      any: z.array(condition).optional(),
      not: condition.optional(),
    })
    .strict(),
);

const check = z
  .object({
    id: z
      .string()
      .max(100)
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
        'must be letters, digits, dots, dashes and underscores, e.g. acme.runbook',
      ),
    title: text(200),
    description: text(2000),
    category: z.enum([
      'catalog',
      'health',
      'observability',
      'kubernetes',
      'repository',
      'delivery',
    ]),
    severity: z.enum(['critical', 'high', 'medium', 'low']),
    weight: z.number().finite().min(0).max(1000),
    remediation: text(10_000),
    appliesTo: z
      .object({
        kinds: strings.optional(),
        types: strings.optional(),
        lifecycles: strings.optional(),
        tags: strings.optional(),
      })
      .strict()
      .optional(),
    condition,
  })
  .strict();

const checks = z.array(check).max(declarativeLimits.checks);

/** `[2].condition.file.matches` from a zod issue path. */
function keyOf(issuePath: ReadonlyArray<PropertyKey>): string {
  return issuePath
    .map(step => (typeof step === 'number' ? `[${step}]` : `.${String(step)}`))
    .join('');
}

/**
 * Reads `opsready.checks.declarative`, validates it and compiles each check
 * once. A mistake stops start-up naming the full key, e.g.
 * `opsready.checks.declarative[2].condition.file.matches is not a valid
 * regular expression: …`; so does an id that a built-in or module check
 * (in `existing`) or an earlier declarative check already has.
 */
export function readDeclarativeChecks(
  root: Config,
  existing: ReadonlyArray<CheckDefinition>,
): CheckDefinition[] {
  const raw = root.getOptional('opsready.checks.declarative');
  if (raw === undefined) {
    return [];
  }
  const parsed = checks.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map(issue => {
      return `${KEY}${keyOf(issue.path)}: ${issue.message}`;
    });
    throw new Error(issues.join('; '));
  }
  const taken = new Map(
    existing.map(c => [c.id, 'a built-in or module check']),
  );
  return parsed.data.map((spec, i) => {
    const key = `${KEY}[${i}]`;
    const holder = taken.get(spec.id);
    if (holder) {
      throw new Error(
        `${key}.id '${spec.id}' is already the id of ${holder}; choose another`,
      );
    }
    taken.set(spec.id, `${KEY}[${i}]`);
    return compileDeclarativeCheck(spec as DeclarativeCheckSpec, key);
  });
}
