/*
 * The demo's Prometheus and Alertmanager configuration: Prometheus scrapes
 * the demo services every few seconds, labelled as the catalog's selectors
 * and the rollback triggers expect, and sends its alerts to the
 * Alertmanager, which delivers them to OpsReady's webhook.
 */
import { stringify } from 'yaml';

/** A demo service Prometheus scrapes. */
export interface ScrapeTarget {
  service: string;
  port: number;
}

export const SCRAPE_JOB = 'demo-services';
export const DEMO_ENVIRONMENT = 'production';

/**
 * The labels every series of a target carries once scraped; the backfill
 * writes the same, so that history and live series are one.
 */
export function targetLabels(target: ScrapeTarget): Record<string, string> {
  return {
    job: SCRAPE_JOB,
    instance: `127.0.0.1:${target.port}`,
    service: target.service,
    environment: DEMO_ENVIRONMENT,
  };
}

export interface PrometheusConfigOptions {
  targets: ScrapeTarget[];
  alertmanagerPort: number;
  rulesFile: string;
  scrapeIntervalSeconds?: number;
}

export function prometheusConfig(options: PrometheusConfigOptions): string {
  const interval = options.scrapeIntervalSeconds ?? 5;
  return stringify({
    global: {
      scrape_interval: `${interval}s`,
      scrape_timeout: `${Math.max(1, interval - 1)}s`,
      evaluation_interval: `${interval}s`,
    },
    rule_files: [options.rulesFile],
    alerting: {
      alertmanagers: [
        {
          timeout: '5s',
          static_configs: [
            { targets: [`127.0.0.1:${options.alertmanagerPort}`] },
          ],
        },
      ],
    },
    scrape_configs: [
      {
        job_name: SCRAPE_JOB,
        static_configs: options.targets.map(target => {
          const { job: _job, instance, ...labels } = targetLabels(target);
          return { targets: [instance], labels };
        }),
      },
    ],
  });
}

export interface AlertmanagerConfigOptions {
  /** OpsReady's backend, e.g. http://localhost:7007. */
  backendUrl: string;
  /** opsready.webhooks.alertmanager.token */
  token: string;
  groupWaitSeconds?: number;
}

export function alertmanagerConfig(options: AlertmanagerConfigOptions): string {
  return stringify({
    route: {
      receiver: 'opsready',
      // One notification per alert and service: each becomes one error.
      group_by: ['alertname', 'service'],
      group_wait: `${options.groupWaitSeconds ?? 5}s`,
      group_interval: '30s',
      // The alerts fire soon after the demo starts, often before the
      // portal's catalog has read the demo entities: OpsReady then skips
      // them as unknown, and a short repeat delivers them again once it
      // knows them (repeats update the same error).
      repeat_interval: '2m',
    },
    receivers: [
      {
        name: 'opsready',
        webhook_configs: [
          {
            url: `${options.backendUrl.replace(
              /\/+$/,
              '',
            )}/api/opsready/webhooks/alertmanager`,
            send_resolved: true,
            http_config: {
              authorization: { type: 'Bearer', credentials: options.token },
            },
          },
        ],
      },
    ],
  });
}
