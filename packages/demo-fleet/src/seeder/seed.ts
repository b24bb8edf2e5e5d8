import { createHmac } from 'node:crypto';
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

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    throw new Error(
      `POST ${url} answered ${response.status}: ${await response.text()}`,
    );
  }
  // A 202 means the delivery was taken but not all of it recorded: for the
  // demo that is a mistake in the demo catalog or config, so say it.
  if (response.status === 202) {
    throw new Error(`POST ${url} recorded only part: ${await response.text()}`);
  }
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
  const api = `${options.backendUrl}/api/opsready`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const bearer = { Authorization: `Bearer ${options.token}` };

  await post(
    `${api}/deployments`,
    JSON.stringify({ items: history.deployments }),
    bearer,
    timeoutMs,
  );
  await post(
    `${api}/errors`,
    JSON.stringify({ items: history.errors }),
    bearer,
    timeoutMs,
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
      await post(
        `${api}/webhooks/github`,
        body,
        {
          'X-GitHub-Event': event,
          'X-GitHub-Delivery': `demo-${deployment.id}-${event}`,
          'X-Hub-Signature-256': `sha256=${signature}`,
        },
        timeoutMs,
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
      await post(
        `${api}/webhooks/alertmanager`,
        JSON.stringify(notification),
        { Authorization: `Bearer ${options.alertmanagerToken}` },
        timeoutMs,
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
