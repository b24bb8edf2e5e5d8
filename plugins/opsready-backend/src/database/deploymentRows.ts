import {
  ChangeFailureReason,
  Deployment,
  DeploymentInput,
  DeploymentStatus,
  RollbackEvidence,
} from '@opsready/plugin-opsready-common';
import {
  DbBoolean,
  DbTime,
  dateOrNull,
  iso,
  optionalIso,
  toDate,
} from './dbValues';

/** A row of `opsready_deployments`. */
export interface DeploymentRow {
  id: string;
  entity_ref: string;
  environment: string;
  version: string;
  status: DeploymentStatus;
  started_at: DbTime;
  finished_at: DbTime | null;
  commit_sha: string | null;
  commit_at: DbTime | null;
  actor: string | null;
  url: string | null;
  source: string;
  external_id: string;
  previous_version: string | null;
  is_rollback: DbBoolean;
  change_failure: DbBoolean;
  /** Comma-separated ChangeFailureReason values. */
  change_failure_reasons: string | null;
  rollback_advised: DbBoolean;
  rollback_advised_reason: string | null;
  /** JSON array of RollbackEvidence; null until the deployment is watched. */
  rollback_evidence: string | null;
  received_at: DbTime;
  updated_at: DbTime;
}

export const DEPLOYMENT_COLUMNS: ReadonlyArray<keyof DeploymentRow> = [
  'id',
  'entity_ref',
  'environment',
  'version',
  'status',
  'started_at',
  'finished_at',
  'commit_sha',
  'commit_at',
  'actor',
  'url',
  'source',
  'external_id',
  'previous_version',
  'is_rollback',
  'change_failure',
  'change_failure_reasons',
  'rollback_advised',
  'rollback_advised_reason',
  'rollback_evidence',
  'received_at',
  'updated_at',
];

export function toDeployment(row: DeploymentRow): Deployment {
  const startedAt = iso(row.started_at);
  const finishedAt = optionalIso(row.finished_at);
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    version: row.version,
    status: row.status,
    startedAt,
    ...(finishedAt
      ? {
          finishedAt,
          durationMs: Math.max(
            0,
            Date.parse(finishedAt) - Date.parse(startedAt),
          ),
        }
      : {}),
    ...(row.commit_sha ? { commitSha: row.commit_sha } : {}),
    ...(row.commit_at ? { commitAt: iso(row.commit_at) } : {}),
    ...(row.actor ? { actor: row.actor } : {}),
    ...(row.url ? { url: row.url } : {}),
    source: row.source,
    externalId: row.external_id,
    ...(row.previous_version ? { previousVersion: row.previous_version } : {}),
    isRollback: Boolean(row.is_rollback),
    changeFailure: Boolean(row.change_failure),
    changeFailureReasons: row.change_failure_reasons
      ? (row.change_failure_reasons.split(',') as ChangeFailureReason[])
      : [],
    rollbackAdvised: Boolean(row.rollback_advised),
    ...(row.rollback_advised_reason
      ? { rollbackAdvisedReason: row.rollback_advised_reason }
      : {}),
    ...(row.rollback_evidence
      ? { rollbackEvidence: parseEvidence(row.rollback_evidence) }
      : {}),
    receivedAt: iso(row.received_at),
    updatedAt: iso(row.updated_at),
  };
}

/**
 * The stored evidence. Only this plugin writes the column, so the JSON is
 * trusted; an unreadable value (a hand edit) reads as no evidence rather
 * than failing every read of the deployment.
 */
function parseEvidence(json: string): RollbackEvidence[] {
  try {
    const parsed = JSON.parse(json);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The evidence as stored: null for none, so that a read leaves it out. */
export const evidenceColumn = (evidence: RollbackEvidence[]): string | null =>
  evidence.length ? JSON.stringify(evidence) : null;

/** The columns a delivery sets. */
export function deploymentColumns(input: DeploymentInput) {
  return {
    entity_ref: input.entityRef,
    environment: input.environment,
    version: input.version,
    status: input.status,
    started_at: new Date(input.startedAt),
    finished_at: dateOrNull(input.finishedAt),
    commit_sha: input.commitSha ?? null,
    commit_at: dateOrNull(input.commitAt),
    actor: input.actor ?? null,
    url: input.url ?? null,
    source: input.source,
    external_id: input.externalId,
  } satisfies Partial<DeploymentRow>;
}

/**
 * The status a redelivery may move a deployment to: a late or repeated
 * `started` never undoes an outcome already reported.
 */
function mergedStatus(
  existing: DeploymentStatus,
  incoming: DeploymentStatus,
): DeploymentStatus {
  return incoming === 'started' && existing !== 'started' ? existing : incoming;
}

/** The columns a redelivery compares as times. */
const DEPLOYMENT_TIMES = new Set(['started_at', 'finished_at', 'commit_at']);

const sameValue = (column: string, stored: unknown, incoming: unknown) => {
  if (stored === null || stored === undefined) {
    return incoming === null || incoming === undefined;
  }
  if (incoming === null || incoming === undefined) return false;
  return DEPLOYMENT_TIMES.has(column)
    ? toDate(stored as DbTime).getTime() ===
        toDate(incoming as DbTime).getTime()
    : stored === incoming;
};

/**
 * What a known deployment becomes when its source sends it again, or
 * undefined when nothing changes (a plain redelivery, which then costs no
 * write and no correlation). What a delivery leaves out is kept, and a late
 * `started` never undoes an outcome already reported.
 */
export function mergeDeploymentDelivery(
  row: DeploymentRow,
  input: DeploymentInput,
): Partial<DeploymentRow> | undefined {
  const columns = deploymentColumns(input);
  const merged: Partial<DeploymentRow> = {
    ...columns,
    status: mergedStatus(row.status, input.status),
    finished_at: columns.finished_at ?? row.finished_at,
    commit_sha: columns.commit_sha ?? row.commit_sha,
    commit_at: columns.commit_at ?? row.commit_at,
    actor: columns.actor ?? row.actor,
    url: columns.url ?? row.url,
  };
  const changed = Object.entries(merged).some(
    ([column, value]) =>
      !sameValue(column, row[column as keyof DeploymentRow], value),
  );
  return changed ? merged : undefined;
}
