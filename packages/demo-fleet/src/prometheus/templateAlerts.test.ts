import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { renderSkeleton } from './alertRules';
import { PROMETHEUS_BINARIES } from './launcher';

// The golden templates' alert rules, checked and unit-tested by Prometheus'
// own promtool: each alert fires above its threshold and stays quiet below.
const TEMPLATES = resolve(__dirname, '../../../../templates');
const run = promisify(execFile);

const base = { service: 'svc', environment: 'production' };
const series = (name: string, labels: Record<string, string>) =>
  `${name}{${Object.entries({ ...base, ...labels })
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

/** Requests a minute: `ok` answered 200 and `failed` 500, for 15 minutes. */
const requests = (ok: number, failed: number) => [
  {
    series: series('http_requests_total', { code: '200' }),
    values: `0+${ok}x15`,
  },
  {
    series: series('http_requests_total', { code: '500' }),
    values: `0+${failed}x15`,
  },
];

/** 100 requests a minute, all of them within `le` seconds and above the bucket before. */
const durations = (le: string) =>
  ['0.1', '0.25', '0.5', '+Inf'].map(bound => ({
    series: series('http_request_duration_seconds_bucket', { le: bound }),
    values:
      Number(bound === '+Inf' ? Infinity : bound) >= Number(le)
        ? '0+100x15'
        : '0x15',
  }));

const labels = (severity: string) => ({ ...base, severity });

const tests = [
  {
    name: 'error rate 6 % fires',
    interval: '1m',
    input_series: requests(94, 6),
    alert_rule_test: [
      {
        eval_time: '12m',
        alertname: 'HighErrorRate',
        exp_alerts: [
          {
            exp_labels: labels('critical'),
            exp_annotations: {
              summary:
                'More than 5% of the requests to svc answered 5xx over 5 minutes.',
              description: '6% of requests failed in production.',
            },
          },
        ],
      },
    ],
  },
  {
    name: 'error rate 4 % does not fire',
    interval: '1m',
    input_series: requests(96, 4),
    alert_rule_test: [
      { eval_time: '12m', alertname: 'HighErrorRate', exp_alerts: [] },
    ],
  },
  {
    name: 'p95 above 200 ms fires',
    interval: '1m',
    input_series: durations('0.5'),
    alert_rule_test: [
      {
        eval_time: '12m',
        alertname: 'HighLatency',
        exp_alerts: [
          {
            exp_labels: labels('warning'),
            exp_annotations: {
              summary:
                'The p95 latency of svc is above its 200 ms objective over 5 minutes.',
              description: 'p95 487.5ms in production.',
            },
          },
        ],
      },
    ],
  },
  {
    name: 'p95 below 200 ms does not fire',
    interval: '1m',
    input_series: durations('0.1'),
    alert_rule_test: [
      { eval_time: '12m', alertname: 'HighLatency', exp_alerts: [] },
    ],
  },
  {
    name: 'a target down for 5 minutes fires',
    interval: '1m',
    input_series: [
      {
        series: series('up', { instance: '10.0.0.1:8080', job: 'svc' }),
        values: '0x10',
      },
    ],
    alert_rule_test: [
      {
        eval_time: '6m',
        alertname: 'TargetDown',
        exp_alerts: [
          {
            exp_labels: {
              ...labels('critical'),
              instance: '10.0.0.1:8080',
              job: 'svc',
            },
            exp_annotations: {
              summary:
                "Prometheus has not reached svc's /metrics for 5 minutes.",
              description: '10.0.0.1:8080 in production is down.',
            },
          },
        ],
      },
    ],
  },
  {
    name: 'a target up does not fire',
    interval: '1m',
    input_series: [
      {
        series: series('up', { instance: '10.0.0.1:8080', job: 'svc' }),
        values: '1x10',
      },
    ],
    alert_rule_test: [
      { eval_time: '6m', alertname: 'TargetDown', exp_alerts: [] },
    ],
  },
];

describe.each(['node-service', 'python-service'])(
  "the %s template's alert rules",
  template => {
    const file = join(TEMPLATES, template, 'skeleton/prometheus/alerts.yaml');
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'opsready-alerts-'));
      await writeFile(
        join(dir, 'alerts.yaml'),
        renderSkeleton(readFileSync(file, 'utf8'), { name: 'svc' }),
      );
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('are valid Prometheus rules', async () => {
      expect(existsSync(PROMETHEUS_BINARIES.promtool)).toBe(true);
      const { stdout } = await run(PROMETHEUS_BINARIES.promtool, [
        'check',
        'rules',
        join(dir, 'alerts.yaml'),
      ]);
      expect(stdout).toContain('SUCCESS: 3 rules found');
    });

    it('fire above their thresholds and not below', async () => {
      await writeFile(
        join(dir, 'alerts.test.yaml'),
        stringify({
          rule_files: ['alerts.yaml'],
          evaluation_interval: '1m',
          tests,
        }),
      );
      const result = await run(
        PROMETHEUS_BINARIES.promtool,
        ['test', 'rules', join(dir, 'alerts.test.yaml')],
        { timeout: 30_000 },
      ).catch(error => error);
      expect(`${result.stdout}${result.stderr}`).toContain('SUCCESS');
    });
  },
);
