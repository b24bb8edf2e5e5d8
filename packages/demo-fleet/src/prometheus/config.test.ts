import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { alertmanagerConfig, prometheusConfig } from './config';
import { PROMETHEUS_BINARIES } from './launcher';

const run = promisify(execFile);

describe('the demo Prometheus and Alertmanager configuration', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'opsready-demo-config-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const prometheus = prometheusConfig({
    targets: [
      { service: 'frontend', port: 7112 },
      { service: 'cartservice', port: 7113 },
    ],
    alertmanagerPort: 7193,
    rulesFile: 'alerts.yaml',
  });

  it('scrapes each service every 5 s, labelled with its name and the production environment', () => {
    const config = parse(prometheus);
    expect(config.global.scrape_interval).toBe('5s');
    expect(config.scrape_configs[0].static_configs).toEqual([
      {
        targets: ['127.0.0.1:7112'],
        labels: { service: 'frontend', environment: 'production' },
      },
      {
        targets: ['127.0.0.1:7113'],
        labels: { service: 'cartservice', environment: 'production' },
      },
    ]);
    expect(config.alerting.alertmanagers[0].static_configs[0].targets).toEqual([
      '127.0.0.1:7193',
    ]);
  });

  it('is a configuration Prometheus accepts', async () => {
    await writeFile(join(dir, 'prometheus.yml'), prometheus);
    await writeFile(join(dir, 'alerts.yaml'), 'groups: []\n');
    const { stdout } = await run(PROMETHEUS_BINARIES.promtool, [
      'check',
      'config',
      join(dir, 'prometheus.yml'),
    ]);
    expect(stdout).toContain('SUCCESS');
  });

  it("delivers alerts to OpsReady's Alertmanager webhook with the bearer token", () => {
    const config = parse(
      alertmanagerConfig({
        backendUrl: 'http://localhost:7008/',
        token: 'demo-alertmanager-token',
      }),
    );
    expect(config.route.group_wait).toBe('5s');
    expect(config.receivers[0].webhook_configs).toEqual([
      {
        url: 'http://localhost:7008/api/opsready/webhooks/alertmanager',
        send_resolved: true,
        http_config: {
          authorization: {
            type: 'Bearer',
            credentials: 'demo-alertmanager-token',
          },
        },
      },
    ]);
  });
});
