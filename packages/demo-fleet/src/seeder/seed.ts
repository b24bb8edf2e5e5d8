import { createHmac } from 'node:crypto';
import { createOpsReadyApiClient } from '@opsready/plugin-opsready-common';
import { DemoHistory } from './history';
import {
  alertmanagerNotification,
  githubDeploymentEvent,
  githubDeploymentStatusEvent,
} from './payloads';

export interface SeedOptions {
  /** The backend, e.g. http://localhost:7007. */
  backendUrl: string;
  /** A static token of `backend.auth.externalAccess` allowed to send events. */
  token: string;
  githubSecret: string;
  alertmanagerToken: string;
  /** Limit on each request. */
  timeoutMs?: number;
}

export interface SeedSummary {
  deployments: number;
  errors: number;
  githubDeliveries: number;
  alertmanagerDeliveries: number;
}

/**
 * A 202 from a webhook, or items in `rejected` from the ingest API (an
 * entity the catalog has not read yet), mean the delivery was taken but not
 * all of it recorded: for the demo that is a catalog still loading (the
 * replay is retried) or a mistake in the demo catalog or config, so say it.
 */
async function recordedWhole(
  pending: Promise<{ data?: unknown; response: Response }>,
): Promise<void> {
  const { data, response } = await pending;
  const rejected = (data as { rejected?: unknown[] } | undefined)?.rejected;
  if (response.status === 202 || (rejected && rejected.length > 0)) {
    throw new Error(
      `POST ${response.url} recorded only part: ${
        typeof data === 'string' ? data : JSON.stringify(data)
      }`,
    );
  }
}

/**
 * A webhook's payload is its sender's (GitHub's, Alertmanager's): the spec
 * leaves it untyped, and the body goes out as the exact text that was signed.
 */
function webhookBody(text: string) {
  return {
    body: text as never,
    bodySerializer: () => text,
    parseAs: 'text' as const,
  };
}

/**
 * Replays the demo history into a running backend the way real tools
 * would: CI through the ingest API, GitHub and Alertmanager through their
 * webhooks, signed and authenticated as they are. Idempotent: every event
 * carries the id it had the first time.
 */
export async function seed(
  history: DemoHistory,
  options: SeedOptions,
): Promise<SeedSummary> {
  const api = createOpsReadyApiClient({
    baseUrl: `${options.backendUrl}/api/opsready`,
    toError: async response =>
      new Error(
        `POST ${response.url} answered ${
          response.status
        }: ${await response.text()}`,
      ),
  });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const bearer = { Authorization: `Bearer ${options.token}` };

  await recordedWhole(
    api.POST('/deployments', {
      body: { items: history.deployments },
      headers: bearer,
      signal: AbortSignal.timeout(timeoutMs),
    }),
  );
  await recordedWhole(
    api.POST('/errors', {
      body: { items: history.errors },
      headers: bearer,
      signal: AbortSignal.timeout(timeoutMs),
    }),
  );

  let githubDeliveries = 0;
  for (const deployment of history.github) {
    for (const [event, payload] of [
      ['deployment', githubDeploymentEvent(deployment)],
      ['deployment_status', githubDeploymentStatusEvent(deployment)],
    ] as const) {
      const body = JSON.stringify(payload);
      const signature = createHmac('sha256', options.githubSecret)
        .update(body)
        .digest('hex');
      await recordedWhole(
        api.POST('/webhooks/github', {
          ...webhookBody(body),
          headers: {
            'X-GitHub-Event': event,
            'X-GitHub-Delivery': `demo-${deployment.id}-${event}`,
            'X-Hub-Signature-256': `sha256=${signature}`,
          },
          signal: AbortSignal.timeout(timeoutMs),
        }),
      );
      githubDeliveries++;
    }
  }

  let alertmanagerDeliveries = 0;
  for (const alert of history.alerts) {
    // A resolved alert was first delivered firing.
    const firing = alertmanagerNotification({ ...alert, endsAt: undefined });
    const deliveries = alert.endsAt
      ? [firing, alertmanagerNotification(alert)]
      : [firing];
    for (const notification of deliveries) {
      await recordedWhole(
        api.POST('/webhooks/alertmanager', {
          ...webhookBody(JSON.stringify(notification)),
          headers: { Authorization: `Bearer ${options.alertmanagerToken}` },
          signal: AbortSignal.timeout(timeoutMs),
        }),
      );
      alertmanagerDeliveries++;
    }
  }

  return {
    deployments: history.deployments.length,
    errors: history.errors.length,
    githubDeliveries,
    alertmanagerDeliveries,
  };
}
