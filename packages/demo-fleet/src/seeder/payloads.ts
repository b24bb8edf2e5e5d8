import { readFileSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { DemoAlert, DemoGitHubDeployment } from './history';

/*
 * Webhook payloads for the demo history, made from real deliveries (the
 * files in data/webhooks are payloads GitHub and Alertmanager sent) with
 * only the fields that tell this history changed, so the demo goes through
 * the same parsing real tools do.
 */

function template(file: string): any {
  return JSON.parse(
    readFileSync(
      resolvePackagePath('@opsready/demo-fleet', `data/webhooks/${file}`),
      'utf8',
    ),
  );
}

function repositoryOf(base: any, fullName: string) {
  const [owner, name] = fullName.split('/');
  return {
    ...base.repository,
    name,
    full_name: fullName,
    html_url: `https://github.com/${fullName}`,
    owner: { ...base.repository.owner, login: owner },
  };
}

function deploymentOf(base: any, d: DemoGitHubDeployment) {
  return {
    ...base.deployment,
    id: d.id,
    sha: d.sha,
    ref: d.version,
    environment: d.environment,
    payload: { version: d.version },
    creator: { ...base.deployment.creator, login: d.actor },
    created_at: d.createdAt,
    updated_at: d.createdAt,
    url: `https://api.github.com/repos/${d.repository}/deployments/${d.id}`,
  };
}

/** The `deployment` event GitHub sends when the deployment is created. */
export function githubDeploymentEvent(d: DemoGitHubDeployment) {
  const base = template('deployment.payload.json');
  return {
    ...base,
    deployment: deploymentOf(base, d),
    repository: repositoryOf(base, d.repository),
  };
}

/** The `deployment_status` event GitHub sends when it finishes. */
export function githubDeploymentStatusEvent(d: DemoGitHubDeployment) {
  const base = template('deployment_status.payload.json');
  return {
    ...base,
    deployment_status: {
      ...base.deployment_status,
      id: d.id * 10 + 1,
      state: d.state,
      environment: d.environment,
      creator: { ...base.deployment_status.creator, login: d.actor },
      created_at: d.finishedAt,
      updated_at: d.finishedAt,
      target_url: `https://github.com/${d.repository}/actions/runs/${d.id}`,
    },
    deployment: { ...deploymentOf(base, d), updated_at: d.finishedAt },
    repository: repositoryOf(base, d.repository),
  };
}

/** Alertmanager's webhook (version 4) for one alert's group. */
export function alertmanagerNotification(alert: DemoAlert) {
  const base = template('alertmanager-firing.json');
  const labels = {
    alertname: alert.alertname,
    service: alert.entity,
    severity: alert.severity,
    environment: 'production',
  };
  const status = alert.endsAt ? 'resolved' : 'firing';
  return {
    ...base,
    status,
    alerts: [
      {
        ...base.alerts[0],
        status,
        labels,
        annotations: { summary: alert.summary },
        startsAt: alert.startsAt,
        endsAt: alert.endsAt ?? '0001-01-01T00:00:00Z',
        fingerprint: alert.fingerprint,
      },
    ],
    commonLabels: labels,
    commonAnnotations: { summary: alert.summary },
    groupLabels: { alertname: alert.alertname },
  };
}
