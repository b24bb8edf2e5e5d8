import { InputError } from '@backstage/errors';
import { quoted } from '../lib/zodProblems';
import {
  Deployment,
  NotificationTimelineDetails,
  TimelineEvent,
} from '@opsready/plugin-opsready-common';
import { DeploymentsStore } from '../database/DeploymentsStore';
import { ErrorsStore, ErrorSummary } from '../database/ErrorsStore';
import { EvaluationsStore, ScorePoint } from '../database/EvaluationsStore';
import { HealthStore, StoredTransition } from '../database/HealthStore';
import {
  ProvisionedEvent,
  ProvisionedEventsStore,
} from '../database/ProvisionedEventsStore';
import type {
  LoggedNotice,
  NotificationLogStore,
} from '../database/NotificationLogStore';

/*
 * One time axis for everything that happened to a service: deployments,
 * errors (where they started), health transitions, score changes, its
 * creation from a template, and what its owners were told. Newest first, paged by a time cursor: the
 * (time, id) of the last event served.
 */

export function deploymentEvent(d: Deployment): TimelineEvent {
  const flags = [
    d.isRollback ? 'rollback' : undefined,
    d.rollbackAdvised ? 'rollback advised' : undefined,
  ].filter(Boolean);
  return {
    id: `deployment:${d.id}`,
    type: 'deployment',
    at: d.startedAt,
    title: `${d.version} to ${d.environment}: ${d.status}${
      flags.length ? ` (${flags.join(', ')})` : ''
    }`,
    environment: d.environment,
    details: {
      deploymentId: d.id,
      version: d.version,
      previousVersion: d.previousVersion,
      status: d.status,
      finishedAt: d.finishedAt,
      durationMs: d.durationMs,
      actor: d.actor,
      commitSha: d.commitSha,
      isRollback: d.isRollback,
      changeFailure: d.changeFailure,
      changeFailureReasons: d.changeFailureReasons,
      rollbackAdvised: d.rollbackAdvised,
      rollbackAdvisedReason: d.rollbackAdvisedReason,
    },
    links: d.url ? [{ title: 'Deployment run', url: d.url }] : [],
  };
}

export function errorEvent(e: ErrorSummary): TimelineEvent {
  return {
    id: `error:${e.id}`,
    type: 'error',
    at: e.firstSeenAt,
    title: e.code ? `${e.code}: ${e.message}` : e.message,
    environment: e.environment,
    severity: e.severity,
    details: {
      errorId: e.id,
      category: e.category,
      status: e.status,
      count: e.count,
      lastSeenAt: e.lastSeenAt,
      resolvedAt: e.resolvedAt,
      resolvedBy: e.resolvedBy,
      deploymentId: e.deploymentId,
      source: e.source,
    },
    links: [],
  };
}

export function healthEvent(t: StoredTransition, index: number): TimelineEvent {
  return {
    id: `health:${t.environment}:${t.at}:${index}`,
    type: 'health',
    at: t.at,
    title: `${t.environment} health ${t.to === 'down' ? 'down' : 'back up'}`,
    environment: t.environment,
    details: { from: t.from, to: t.to, reason: t.reason },
    links: [],
  };
}

export function scoreEvent(p: ScorePoint, index: number): TimelineEvent {
  const at = p.recordedAt.toISOString();
  return {
    id: `score:${at}:${index}`,
    type: 'score',
    at,
    title:
      p.score === null
        ? 'Score unknown'
        : `Score ${p.score}${p.level ? ` (${p.level})` : ''}`,
    details: { score: p.score, level: p.level },
    links: [],
  };
}

export function provisionedEvent(p: ProvisionedEvent): TimelineEvent {
  return {
    id: `provisioned:${p.id}`,
    type: 'provisioned',
    at: p.at,
    title: `Created from template ${p.templateName}${
      p.templateVersion ? ` ${p.templateVersion}` : ''
    }`,
    details: {
      templateName: p.templateName,
      templateVersion: p.templateVersion,
      actor: p.actor,
    },
    links: p.repoUrl ? [{ title: 'Repository', url: p.repoUrl }] : [],
  };
}

/** "Owners told: cart is down", with what became of the notice. */
export function notificationEvent(n: LoggedNotice): TimelineEvent {
  const details: NotificationTimelineDetails = {
    topic: n.topic,
    status: n.status,
    recipients: n.recipients,
    heldBy: n.heldBy,
  };
  return {
    id: `notification:${n.id}`,
    type: 'notification',
    at: n.createdAt,
    title: `Owners told: ${n.title}`,
    environment: n.environment,
    details: { ...details },
    links: [],
  };
}

/** An event's place on the axis: its time, parsed once, and its id. */
interface Position {
  t: number;
  id: string;
}

const positionOf = (event: { at: string; id: string }): Position => ({
  t: Date.parse(event.at),
  id: event.id,
});

/** Newest first; equal times by id, so paging is stable. */
function compare(a: Position, b: Position) {
  const t = b.t - a.t;
  if (t !== 0) return t;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

function encode(event: TimelineEvent): string {
  return Buffer.from(`${event.at}|${event.id}`, 'utf8').toString('base64url');
}

function decode(cursor: string): { at: string; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const split = text.indexOf('|');
  const at = text.slice(0, split);
  if (split < 0 || Number.isNaN(Date.parse(at))) {
    throw new InputError(
      `Invalid query: cursor: ${quoted(cursor)} is not a cursor`,
    );
  }
  return { at, id: text.slice(split + 1) };
}

export async function readTimeline(
  stores: {
    deployments: Pick<DeploymentsStore, 'listDeployments'>;
    errors: Pick<ErrorsStore, 'errorsStartedBetween'>;
    provisioned: Pick<ProvisionedEventsStore, 'provisionedBetween'>;
    health: Pick<HealthStore, 'getTransitions'>;
    scores: Pick<EvaluationsStore, 'getScoreHistory'>;
    notifications?: Pick<NotificationLogStore, 'noticesBetween'>;
  },
  entityRef: string,
  query: { from: Date; to: Date; limit: number; cursor?: string },
): Promise<{ items: TimelineEvent[]; nextCursor?: string }> {
  const position = query.cursor ? positionOf(decode(query.cursor)) : undefined;
  const to = position
    ? new Date(Math.min(query.to.getTime(), position.t))
    : query.to;
  const range = { from: query.from, to };
  // Deployments and errors can be many: each source gives at most a page
  // (plus the events sharing the cursor's time); the others are few.
  const fetch = query.limit + 1 + (position ? 50 : 0);
  const [deployments, errors, transitions, scores, provisioned, notices] =
    await Promise.all([
      stores.deployments.listDeployments(entityRef, range, { limit: fetch }),
      stores.errors.errorsStartedBetween(entityRef, range, fetch),
      stores.health.getTransitions(entityRef, range),
      stores.scores.getScoreHistory(entityRef, range),
      stores.provisioned.provisionedBetween(entityRef, range),
      stores.notifications?.noticesBetween(entityRef, range, fetch) ?? [],
    ]);
  const merged = [
    ...deployments.items.map(deploymentEvent),
    ...errors.map(errorEvent),
    ...transitions.map(healthEvent),
    ...scores.map(scoreEvent),
    ...provisioned.map(provisionedEvent),
    ...notices.map(notificationEvent),
  ]
    .map(event => ({ event, at: positionOf(event) }))
    .filter(({ at }) => !position || compare(position, at) < 0)
    .sort((a, b) => compare(a.at, b.at));
  // Details left undefined are left out by JSON.
  const items = merged.slice(0, query.limit).map(({ event }) => event);
  return {
    items,
    ...(merged.length > query.limit
      ? { nextCursor: encode(items[items.length - 1]) }
      : {}),
  };
}
