import { InputError } from '@backstage/errors';
import { DeploymentStatus } from '@opsready/plugin-opsready-common';
import { z } from 'zod/v3';
import { ArgoCdWebhookConfig } from './readWebhooksConfig';
import {
  EntityLocator,
  optionalIsoDateTime,
  optionalText,
  parsePayload,
  PendingEvent,
  requiredText,
  Translation,
} from './translation';

/*
 * Argo CD notifications sent with the `opsready-app-status` webhook
 * template documented in the README: the Application's name, sync and
 * health status, revision and current operation. One sync operation is one
 * deployment (external id: the app and the operation's start), which each
 * notification moves along; a Degraded app is an error, resolved by the next
 * Healthy notification.
 */

/** The Backstage Argo CD plugin's annotation naming an entity's Application. */
export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';
/** The same plugin's label selector, e.g. `backstage-name=cartservice`. */
export const ARGOCD_APP_SELECTOR_ANNOTATION = 'argocd/app-selector';

/**
 * Argo CD's templates print missing fields as `<no value>` unless they go
 * through toJson; either way it means "not set".
 */
const NO_VALUE = '<no value>';

function withoutNoValue(value: unknown): unknown {
  if (value === NO_VALUE) {
    return null;
  }
  if (Array.isArray(value)) {
    return value.map(withoutNoValue);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, withoutNoValue(v)]),
    );
  }
  return value;
}

const operation = z
  .object({
    phase: requiredText,
    message: optionalText,
    startedAt: z
      .string({ required_error: 'is required' })
      .refine(v => !Number.isNaN(Date.parse(v)), {
        message: 'must be an ISO 8601 date-time',
      })
      .transform(v => new Date(v).toISOString()),
    finishedAt: optionalIsoDateTime,
    revision: optionalText,
    initiatedBy: z
      .object({
        username: optionalText,
        automated: z.boolean().nullable().optional(),
      })
      .passthrough()
      .nullable()
      .optional(),
  })
  .passthrough();

const notification = z
  .object({
    app: requiredText,
    appNamespace: optionalText,
    project: optionalText,
    entity: optionalText,
    environment: optionalText,
    labels: z.record(z.string()).nullable().optional(),
    syncStatus: requiredText,
    healthStatus: requiredText,
    healthMessage: optionalText,
    healthChangedAt: optionalIsoDateTime,
    revision: optionalText,
    operation: operation.nullable().optional(),
    argocdUrl: optionalText,
  })
  .passthrough();

type Notification = z.infer<typeof notification>;

function locatorsOf(n: Notification): EntityLocator[] {
  const locators: EntityLocator[] = [];
  if (n.entity) {
    locators.push({
      by: 'refOrName',
      value: n.entity,
      from: 'annotation opsready.io/entity on the Application',
    });
  }
  locators.push({
    by: 'annotation',
    key: ARGOCD_APP_NAME_ANNOTATION,
    values: [n.app],
  });
  const selectors = Object.entries(n.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  if (selectors.length > 0) {
    locators.push({
      by: 'annotation',
      key: ARGOCD_APP_SELECTOR_ANNOTATION,
      values: selectors,
    });
  }
  return locators;
}

/**
 * The deployment status a notification stands for, or why it stands for
 * none. A sync that succeeded counts only while the app is Synced: once it
 * drifts, an old operation says nothing new; and a Degraded app after a
 * successful sync is reported as an error, not by moving the deployment.
 */
function deploymentStatusOf(
  n: Notification,
): { status: DeploymentStatus } | { reason: string } {
  const phase = n.operation?.phase;
  switch (phase) {
    case undefined:
      return { reason: 'no sync operation in the notification' };
    case 'Running':
    case 'Terminating':
      return { status: 'started' };
    case 'Failed':
    case 'Error':
      return { status: 'failed' };
    case 'Succeeded':
      if (n.syncStatus !== 'Synced') {
        return {
          reason: `sync status is ${n.syncStatus}: the last operation is not what runs`,
        };
      }
      if (n.healthStatus === 'Healthy') {
        return { status: 'succeeded' };
      }
      if (n.healthStatus === 'Degraded') {
        return { reason: 'health Degraded is recorded as an error' };
      }
      return { status: 'started' };
    default:
      return { reason: `unknown operation phase '${phase}'` };
  }
}

/** Translates one Argo CD notification sent with the documented template. */
export function translateArgoCdNotification(
  payload: unknown,
  config: ArgoCdWebhookConfig,
  now: Date,
): Translation {
  const n = parsePayload(notification, withoutNoValue(payload), 'Argo CD');
  const op = n.operation ?? undefined;
  const appKey = n.appNamespace ? `${n.appNamespace}/${n.app}` : n.app;
  const locators = locatorsOf(n);
  const environment = n.environment ?? config.defaultEnvironment;
  const version = op?.revision ?? n.revision;
  const events: PendingEvent[] = [];
  const skipped: Translation['skipped'] = [];

  const decided = deploymentStatusOf(n);
  if ('status' in decided && op) {
    if (!version) {
      // Checked here, not in the schema: only a deployment needs it.
      throw new InputError(
        'Invalid Argo CD payload: revision: is required with a sync operation (or operation.revision)',
      );
    }
    const finished = decided.status !== 'started';
    events.push({
      type: 'deployment',
      locators,
      input: {
        environment,
        version,
        status: decided.status,
        startedAt: op.startedAt,
        // The end of the sync: stays put when later notifications repeat it.
        finishedAt: finished ? op.finishedAt ?? now.toISOString() : undefined,
        commitSha:
          version && /^[0-9a-f]{40}$/i.test(version) ? version : undefined,
        actor:
          op.initiatedBy?.username ??
          (op.initiatedBy?.automated ? 'argocd (automated sync)' : undefined),
        url: n.argocdUrl
          ? `${n.argocdUrl.replace(/\/+$/, '')}/applications/${appKey}`
          : undefined,
        source: 'argocd',
        externalId: `${appKey}@${op.startedAt}`,
      },
    });
  } else if ('reason' in decided) {
    skipped.push({ item: `app ${appKey} deployment`, reason: decided.reason });
  }

  const degradedPrefix = `${appKey}:degraded@`;
  const errorTemplate = {
    environment,
    stage: 'runtime',
    code: 'ArgoCDHealthDegraded',
    severity: config.degradedSeverity,
    category: config.degradedCategory,
    message: n.healthMessage
      ? `Argo CD reports ${n.app} Degraded: ${n.healthMessage}`
      : `Argo CD reports ${n.app} Degraded`,
    fingerprint: `argocd:${appKey}:degraded`,
    source: 'argocd',
  };
  if (n.healthStatus === 'Degraded') {
    // Stable across repeats of the same notification, so they update one row.
    const since =
      n.healthChangedAt ?? op?.finishedAt ?? op?.startedAt ?? now.toISOString();
    events.push({
      type: 'error',
      locators,
      input: {
        ...errorTemplate,
        occurredAt: since,
        externalId: `${degradedPrefix}${since}`,
      },
    });
  } else if (n.healthStatus === 'Healthy') {
    events.push({
      type: 'resolve-open-errors',
      locators,
      externalIdPrefix: degradedPrefix,
      template: errorTemplate,
      resolvedAt: n.healthChangedAt ?? now.toISOString(),
      occurredAtOf: externalId => externalId.slice(degradedPrefix.length),
    });
  }
  return { events, skipped };
}
