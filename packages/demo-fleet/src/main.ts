/*
 * Starts the demo fleet beside the local portal, on loopback only: the
 * Kubernetes API the local app-config names as the `demo` cluster, the
 * services the demo catalog's health URLs point at, then,
 * once the backend answers and its catalog has the demo services, the
 * delivery history and the demo campaign. Beside them, traffic to the
 * services and, where installed, a Prometheus and an Alertmanager watching
 * them (prometheus/demoMonitoring.ts). Stops on SIGINT/SIGTERM.
 *
 *   OPSREADY_DEMO_KUBERNETES_PORT   default 7100
 *   OPSREADY_DEMO_PROMETHEUS_PORT   default 7190
 *   OPSREADY_DEMO_ALERTMANAGER_PORT default 7193
 *   OPSREADY_BACKEND_URL            default http://localhost:7007
 *   OPSREADY_DEMO_REPOSITORIES_DIR  where legacy-billing is published,
 *                                   default .data/repositories
 *   The tokens and secrets are the ones app-config.demo.yaml sets.
 */
import { demoCluster } from './kubernetes/cluster';
import { startKubernetesApi } from './kubernetes/apiServer';
import {
  demoHealthServices,
  RunningHealthService,
  startHealthService,
  stopHealthService,
} from './services/healthServices';
import {
  DEFAULT_REPOSITORIES_DIRECTORY,
  publishLegacyBilling,
} from './repositories/legacyBilling';
import { launchDemoCampaign } from './seeder/campaign';
import { DemoHistory, demoHistory, recentReleaseTimes } from './seeder/history';
import { startDemoMonitoring } from './prometheus/demoMonitoring';
import { RunningMonitoring } from './prometheus/launcher';
import { startTraffic } from './traffic/generator';
import { seed } from './seeder/seed';

const log = (message: string) =>
  process.stdout.write(`[demo-fleet] ${message}\n`);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Retries `attempt` until it succeeds or `deadlineMs` passes. */
async function retry<T>(
  what: string,
  attempt: () => Promise<T>,
  deadlineMs: number,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`${what}: gave up: ${error}`);
      }
      await sleep(5_000);
    }
  }
}

async function seedHistory(backendUrl: string, history: DemoHistory) {
  await retry(
    'waiting for the backend',
    async () => {
      const response = await fetch(
        `${backendUrl}/.backstage/health/v1/readiness`,
        { signal: AbortSignal.timeout(5_000) },
      );
      if (!response.ok) throw new Error(`readiness ${response.status}`);
    },
    15 * 60_000,
  );
  // The catalog reads the demo entities shortly after start-up; until then
  // the webhooks cannot find them, so the replay is retried.
  const summary = await retry(
    'replaying the demo history',
    () =>
      seed(history, {
        backendUrl,
        token: 'demo-fleet-seeder-token',
        githubSecret: 'demo-github-webhook-secret',
        alertmanagerToken: 'demo-alertmanager-token',
      }),
    5 * 60_000,
  );
  log(
    `Replayed the history: ${summary.deployments} deployments and ${summary.errors} errors through the API, ${summary.githubDeliveries} GitHub and ${summary.alertmanagerDeliveries} Alertmanager deliveries`,
  );
  // The backend reports ready once its demo history module has backdated
  // the check results the campaign's burn-up is replayed from.
  const campaign = await retry(
    'launching the demo campaign',
    () => launchDemoCampaign({ backendUrl, token: 'demo-fleet-seeder-token' }),
    5 * 60_000,
  );
  log(
    campaign.launched
      ? `Launched the demo campaign ${campaign.id}`
      : `The demo campaign ${campaign.id} was launched before`,
  );
}

/**
 * Starts the services the demo catalog's health URLs point at. Their ports
 * are fixed by the catalog: when another demo fleet (a portal you run beside
 * the end-to-end tests) already serves one, that one answers the probes.
 */
async function startHealthServices(
  deployedAt: Record<string, number>,
): Promise<RunningHealthService[]> {
  const started: RunningHealthService[] = [];
  for (const service of demoHealthServices) {
    try {
      started.push(
        await startHealthService(service, {
          deployedAt: deployedAt[service.name],
        }),
      );
      log(
        `${service.name} (${service.behaviour}) on 127.0.0.1:${service.port}`,
      );
    } catch (error) {
      log(`${service.name} not started on port ${service.port}: ${error}`);
    }
  }
  return started;
}

async function main() {
  const port = Number(process.env.OPSREADY_DEMO_KUBERNETES_PORT ?? 7100);
  const backendUrl =
    process.env.OPSREADY_BACKEND_URL ?? 'http://localhost:7007';
  // Taken once: the history's times, the services' last deployments and the
  // backfilled metrics are relative to when the demo started.
  const startedAt = Date.now();
  const deployedAt = recentReleaseTimes(startedAt);
  // Before the backend starts, so that its catalog finds the repository
  // on its first read of the local repositories' location.
  const legacyBilling = await publishLegacyBilling(
    process.env.OPSREADY_DEMO_REPOSITORIES_DIR ??
      DEFAULT_REPOSITORIES_DIRECTORY,
  );
  log(
    `legacy-billing ${
      legacyBilling.created ? 'published' : 'already published'
    } at ${legacyBilling.path}`,
  );
  const objects = demoCluster();
  const kubernetes = await startKubernetesApi(() => objects, port);
  log(`Kubernetes API on ${kubernetes.url}`);
  const services = await startHealthServices(deployedAt);
  const traffic = startTraffic(
    services.map(s => `http://127.0.0.1:${s.port}/`),
  );

  let monitoring: RunningMonitoring | undefined;
  let stopping = false;
  const stop = async () => {
    stopping = true;
    traffic.stop();
    await monitoring?.stop();
    await Promise.all(services.map(stopHealthService));
    await kubernetes.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  seedHistory(backendUrl, demoHistory(startedAt)).catch(error =>
    log(String(error)),
  );

  try {
    // All the demo services, also those another demo fleet serves.
    const started = await startDemoMonitoring({
      backendUrl,
      alertmanagerToken: 'demo-alertmanager-token',
      services: demoHealthServices,
      deployedAt,
      startedAt,
      log,
    });
    if (started && stopping) {
      await started.stop();
    } else if (started) {
      monitoring = started;
      log(
        `Prometheus on ${started.prometheusUrl}, Alertmanager on ${started.alertmanagerUrl}`,
      );
    }
  } catch (error) {
    log(`Prometheus not started: ${error}`);
  }
}

main().catch(error => {
  process.stderr.write(
    `The demo fleet failed to start: ${error.stack ?? error}\n`,
  );
  process.exit(1);
});
