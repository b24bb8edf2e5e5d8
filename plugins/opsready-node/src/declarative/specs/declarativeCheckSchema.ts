import { declarativeLimits } from '../types';
import { z } from 'zod';

// The shape of a declarative check, wherever it is written: in app-config
// or in a check location's file. One schema, so both are held to the same
// rules and their messages name keys the same way.

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

/** A list of declarative checks, at most as many as the cap on them all. */
export const declarativeCheckList = z
  .array(check)
  .max(declarativeLimits.checks);
