import {
  DeploymentStatus,
  ErrorCategory,
  ErrorDeployment,
  ServiceError,
  ErrorSeverity,
} from '@opsready/plugin-opsready-common';
import { DbTime, dateOrNull, iso, optionalIso, toDate } from './dbValues';
import { NormalizedErrorInput } from './ErrorsStore';

/** A row of `opsready_errors`. */
export interface ErrorRow {
  id: string;
  entity_ref: string;
  environment: string;
  stage: string | null;
  code: string | null;
  severity: ErrorSeverity;
  category: ErrorCategory;
  message: string;
  stack_trace: string | null;
  user_impact: string | null;
  business_impact: string | null;
  occurred_at: DbTime;
  first_seen_at: DbTime;
  last_seen_at: DbTime;
  count: number;
  fingerprint: string;
  resolved_at: DbTime | null;
  resolved_by: string | null;
  resolution_notes: string | null;
  source: string;
  external_id: string;
  deployment_id: string | null;
  received_at: DbTime;
  updated_at: DbTime;
}

/** The columns of an error but its long texts, for lists that do not show them. */
export const ERROR_SUMMARY_COLUMNS: ReadonlyArray<keyof ErrorRow> = [
  'id',
  'entity_ref',
  'environment',
  'stage',
  'code',
  'severity',
  'category',
  'message',
  'occurred_at',
  'fingerprint',
  'count',
  'first_seen_at',
  'last_seen_at',
  'resolved_at',
  'resolved_by',
  'source',
  'external_id',
  'deployment_id',
];

export const ERROR_COLUMNS: ReadonlyArray<keyof ErrorRow> = [
  ...ERROR_SUMMARY_COLUMNS,
  'stack_trace',
  'user_impact',
  'business_impact',
  'resolution_notes',
  'received_at',
  'updated_at',
];

/** What an error shows of the deployment it followed. */
export const LINKED_DEPLOYMENT_COLUMNS = [
  'version',
  'environment',
  'status',
  'started_at',
  'finished_at',
];

/** The deployment an error followed, joined as `linked`, its columns prefixed `linked_`. */
export interface LinkedDeploymentRow {
  linked_version: string;
  linked_environment: string;
  linked_status: DeploymentStatus;
  linked_started_at: DbTime;
  linked_finished_at: DbTime | null;
}

export function linkedDeployment(row: LinkedDeploymentRow): ErrorDeployment {
  const finishedAt = optionalIso(row.linked_finished_at);
  return {
    version: row.linked_version,
    environment: row.linked_environment,
    status: row.linked_status,
    startedAt: iso(row.linked_started_at),
    ...(finishedAt ? { finishedAt } : {}),
  };
}

/** A row of `opsready_errors` read without its long texts. */
export type ErrorSummaryRow = Omit<
  ErrorRow,
  | 'stack_trace'
  | 'user_impact'
  | 'business_impact'
  | 'resolution_notes'
  | 'received_at'
  | 'updated_at'
>;

/** An error from its row; a summary row (without the long texts) gives a summary. */
export function toError(
  row: ErrorSummaryRow & Partial<ErrorRow>,
): ServiceError {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    ...(row.stage ? { stage: row.stage } : {}),
    ...(row.code ? { code: row.code } : {}),
    severity: row.severity,
    category: row.category,
    message: row.message,
    ...(row.stack_trace ? { stackTrace: row.stack_trace } : {}),
    ...(row.user_impact ? { userImpact: row.user_impact } : {}),
    ...(row.business_impact ? { businessImpact: row.business_impact } : {}),
    occurredAt: iso(row.occurred_at),
    fingerprint: row.fingerprint,
    count: Number(row.count),
    firstSeenAt: iso(row.first_seen_at),
    lastSeenAt: iso(row.last_seen_at),
    status: row.resolved_at ? 'resolved' : 'open',
    ...(row.resolved_at ? { resolvedAt: iso(row.resolved_at) } : {}),
    ...(row.resolved_by ? { resolvedBy: row.resolved_by } : {}),
    ...(row.resolution_notes ? { resolutionNotes: row.resolution_notes } : {}),
    source: row.source,
    externalId: row.external_id,
    ...(row.deployment_id ? { deploymentId: row.deployment_id } : {}),
  };
}

/** The columns a delivery sets. */
function errorColumns(input: NormalizedErrorInput) {
  return {
    entity_ref: input.entityRef,
    environment: input.environment,
    stage: input.stage ?? null,
    code: input.code ?? null,
    severity: input.severity,
    category: input.category,
    message: input.message,
    stack_trace: input.stackTrace ?? null,
    user_impact: input.userImpact ?? null,
    business_impact: input.businessImpact ?? null,
    fingerprint: input.fingerprint,
    source: input.source,
    external_id: input.externalId,
  } satisfies Partial<ErrorRow>;
}

/** The row of an error first seen. */
export function newErrorRow(input: NormalizedErrorInput): Partial<ErrorRow> {
  const at = new Date(input.occurredAt);
  return {
    ...errorColumns(input),
    occurred_at: at,
    first_seen_at: at,
    last_seen_at: at,
    count: 1,
    resolved_at: dateOrNull(input.resolvedAt),
    resolved_by: input.resolvedAt ? input.source : null,
  };
}

/**
 * What a known error becomes when its source sends it again, or undefined
 * when nothing changes (a plain redelivery). A sighting later than the last
 * one counts once more and refreshes the description; `resolvedAt`
 * resolves it; a sighting after its resolution opens it again.
 */
export function mergeErrorSighting(
  row: ErrorRow,
  input: NormalizedErrorInput,
): Partial<ErrorRow> | undefined {
  const at = new Date(input.occurredAt);
  const lastSeen = toDate(row.last_seen_at);
  const firstSeen = toDate(row.first_seen_at);
  const resolvedAt = row.resolved_at ? toDate(row.resolved_at) : undefined;
  const update: Partial<ErrorRow> = {};
  if (at > lastSeen) {
    Object.assign(update, errorColumns(input), {
      occurred_at: at,
      last_seen_at: at,
      count: Number(row.count) + 1,
    });
  }
  if (at < firstSeen) {
    update.first_seen_at = at;
  }
  if (input.resolvedAt && !resolvedAt) {
    update.resolved_at = new Date(input.resolvedAt);
    update.resolved_by = input.source;
  } else if (!input.resolvedAt && resolvedAt && at > resolvedAt) {
    update.resolved_at = null;
    update.resolved_by = null;
    update.resolution_notes = null;
  }
  return Object.keys(update).length ? update : undefined;
}
