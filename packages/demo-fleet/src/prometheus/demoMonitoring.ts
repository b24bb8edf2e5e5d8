/*
 * The demo's own Prometheus and Alertmanager, when Debian's binaries are
 * installed (scripts/ensure-prometheus.sh); without them the portal
 * measures SLOs from its probes, except for the services whose catalog
 * entries name their Prometheus series, and the demo says so once.
 *
 *   OPSREADY_DEMO_PROMETHEUS_PORT    default 7190 (app-config.demo.yaml)
 *   OPSREADY_DEMO_ALERTMANAGER_PORT  default 7193
 */
import { readFileSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { DemoHealthService } from '../services/healthServices';
import { TRAFFIC_RATE_PER_SECOND } from '../traffic/generator';
import { demoAlertRules, latencyObjectives } from './alertRules';
import { backfillText } from './backfill';
import { alertmanagerConfig, prometheusConfig } from './config';
import {
  missingBinaries,
  RunningMonitoring,
  startMonitoring,
} from './launcher';

const fromRoot = (path: string) =>
  resolvePackagePath('@opsready/demo-fleet', `../../${path}`);

export const DEMO_MONITORING_DIRECTORY = fromRoot('.data/demo-prometheus');
const TEMPLATE_ALERTS = fromRoot(
  'templates/node-service/skeleton/prometheus/alerts.yaml',
);
const CATALOG_FILES = [
  'catalog/online-boutique.yaml',
  'packages/demo-fleet/legacy-billing/catalog-info.yaml',
].map(fromRoot);

/** The template's objective, for a service whose catalog names none. */
const DEFAULT_LATENCY_OBJECTIVE_MS = 200;
/** How long the history before the demo's start is. */
const BACKFILL_MS = 3 * 3600_000;
const BACKFILL_STEP_MS = 15_000;
/** Short, so that an alert fires within a minute or two of the demo. */
const DEMO_ALERT_FOR = '1m';

function port(variable: string, fallback: number): number {
  const raw = process.env[variable];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${variable} must be a port number, got '${raw}'`);
  }
  return value;
}

export interface DemoMonitoringOptions {
  backendUrl: string;
  alertmanagerToken: string;
  services: DemoHealthService[];
  /** When each service's last production deployment finished (ms), by name. */
  deployedAt: Record<string, number>;
  /** When the demo started: the backfill ends here. */
  startedAt: number;
  log(message: string): void;
}

/** Starts them, or logs why not and resolves to undefined. */
export async function startDemoMonitoring(
  options: DemoMonitoringOptions,
): Promise<RunningMonitoring | undefined> {
  const missing = missingBinaries();
  if (missing.length > 0) {
    options.log(
      `No Prometheus for the demo (${missing.join(
        ', ',
      )} not installed; scripts/ensure-prometheus.sh installs them): SLOs come from the probes, and the services that name their Prometheus series show it unavailable`,
    );
    return undefined;
  }
  const prometheusPort = port('OPSREADY_DEMO_PROMETHEUS_PORT', 7190);
  const alertmanagerPort = port('OPSREADY_DEMO_ALERTMANAGER_PORT', 7193);
  const objectives = latencyObjectives(
    CATALOG_FILES.map(file => readFileSync(file, 'utf8')),
  );
  const targets = options.services.map(s => ({
    service: s.name,
    port: s.port,
  }));
  return startMonitoring({
    directory: DEMO_MONITORING_DIRECTORY,
    prometheusPort,
    alertmanagerPort,
    prometheusConfig: prometheusConfig({
      targets,
      alertmanagerPort,
      rulesFile: 'alerts.yaml',
    }),
    rules: demoAlertRules(
      readFileSync(TEMPLATE_ALERTS, 'utf8'),
      options.services.map(s => ({
        name: s.name,
        latencyObjectiveMs: objectives[s.name] ?? DEFAULT_LATENCY_OBJECTIVE_MS,
      })),
      DEMO_ALERT_FOR,
    ),
    alertmanagerConfig: alertmanagerConfig({
      backendUrl: options.backendUrl,
      token: options.alertmanagerToken,
    }),
    backfill: backfillText(
      options.services.map(s => ({
        target: { service: s.name, port: s.port },
        traffic: s.traffic,
        deployedAt: options.deployedAt[s.name],
      })),
      {
        from: options.startedAt - BACKFILL_MS,
        to: options.startedAt,
        stepMs: BACKFILL_STEP_MS,
        ratePerSecond: TRAFFIC_RATE_PER_SECOND,
      },
    ),
  });
}
