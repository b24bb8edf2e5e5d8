import {
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
  ERROR_CATEGORIES,
  ERROR_SEVERITIES,
  ErrorCategory,
  ErrorSeverity,
  normalizeEntityRef,
} from '@opsready/plugin-opsready-common';
import { z } from 'zod/v3';
import { quoted } from '../lib/zodProblems';

/*
 * Deployments and errors. The same item schemas check what the ingest API
 * receives (a bad item fails the whole request) and what other sources
 * hand to the event ingest (a bad item is left out, with its reason).
 */

export const isoString = z
  .string()
  .refine(value => !Number.isNaN(Date.parse(value)), {
    message: 'must be an ISO 8601 date-time, e.g. 2026-11-22T10:00:00Z',
  })
  .transform(value => new Date(value).toISOString());

export const text = (max: number) => z.string().trim().min(1).max(max);

/** `kind:namespace/name`, kind defaulting to component and namespace to default; kept in lower case. */
export const entityRefString = z
  .string()
  .max(255)
  .transform((value, ctx) => {
    try {
      return normalizeEntityRef(value, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      });
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${quoted(
          value,
        )} is not an entity ref, e.g. component:default/cartservice`,
      });
      return z.NEVER;
    }
  });

export const deploymentInput = z
  .object({
    entityRef: entityRefString,
    environment: text(64),
    version: text(255),
    status: z.enum(
      DEPLOYMENT_STATUSES as [DeploymentStatus, ...DeploymentStatus[]],
    ),
    startedAt: isoString,
    finishedAt: isoString.optional(),
    commitSha: text(64).optional(),
    commitAt: isoString.optional(),
    actor: text(255).optional(),
    url: z.string().url().max(2048).optional(),
    source: text(64).default('api'),
    externalId: text(255),
  })
  .refine(d => !d.finishedAt || d.finishedAt >= d.startedAt, {
    message: 'must not be before startedAt',
    path: ['finishedAt'],
  });

export const serviceErrorInput = z.object({
  entityRef: entityRefString,
  environment: text(64),
  stage: text(64).optional(),
  code: text(128).optional(),
  severity: z.enum(ERROR_SEVERITIES as [ErrorSeverity, ...ErrorSeverity[]]),
  category: z.enum(ERROR_CATEGORIES as [ErrorCategory, ...ErrorCategory[]]),
  message: text(8000),
  stackTrace: z.string().max(65_536).optional(),
  userImpact: text(4000).optional(),
  businessImpact: text(4000).optional(),
  occurredAt: isoString,
  fingerprint: text(255).optional(),
  resolvedAt: isoString.optional(),
  source: text(64).default('api'),
  externalId: text(255),
});
