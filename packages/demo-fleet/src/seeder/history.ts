/*
 * Thirty days of delivery history for the demo services, as CI, GitHub and
 * Alertmanager would have reported it. Times are relative to `now`; ids are
 * not, so that replaying the history after a restart updates what is there
 * instead of adding to it.
 */

import {
  DeploymentInput,
  ServiceErrorInput,
} from '@opsready/plugin-opsready-common';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A GitHub deployment reported through the GitHub webhook. */
export interface DemoGitHubDeployment {
  repository: string;
  id: number;
  environment: string;
  version: string;
  sha: string;
  createdAt: string;
  /** When the deployment_status `success` (or `failure`) came. */
  finishedAt: string;
  state: 'success' | 'failure';
  actor: string;
}

/** An alert reported through the Alertmanager webhook. */
export interface DemoAlert {
  entity: string;
  alertname: string;
  severity: string;
  summary: string;
  fingerprint: string;
  startsAt: string;
  /** Absent while the alert fires. */
  endsAt?: string;
}

export interface DemoHistory {
  deployments: DeploymentInput[];
  errors: ServiceErrorInput[];
  github: DemoGitHubDeployment[];
  alerts: DemoAlert[];
}

/** The services CI deploys, how often (days) and who usually ships them. */
const PIPELINES = [
  { name: 'frontend', everyDays: 2, actor: 'maria.garcia' },
  { name: 'cartservice', everyDays: 4, actor: 'lee.chen' },
  { name: 'checkoutservice', everyDays: 3, actor: 'sam.okafor' },
  { name: 'paymentservice', everyDays: 5, actor: 'sam.okafor' },
];

const ref = (name: string) => `component:default/${name}`;
const iso = (ms: number) => new Date(ms).toISOString();
const MINUTE = 60_000;

/**
 * The newest production releases, minutes before the demo starts: the
 * demo's traffic turns slow (frontend) and failing (cartservice) when they
 * finish, so that the portal shows what follows a bad release while it
 * happens.
 */
export const RECENT_PRODUCTION_RELEASES = [
  {
    name: 'frontend',
    version: '1.17.1',
    actor: 'maria.garcia',
    finishedMinutesAgo: 6,
  },
  {
    name: 'cartservice',
    version: '1.9.1',
    actor: 'lee.chen',
    finishedMinutesAgo: 4,
  },
];

/** When each recent release finished, by service name, for `now`. */
export function recentReleaseTimes(now: number): Record<string, number> {
  return Object.fromEntries(
    RECENT_PRODUCTION_RELEASES.map(r => [
      r.name,
      now - r.finishedMinutesAgo * MINUTE,
    ]),
  );
}

function recentReleases(now: number): DeploymentInput[] {
  return RECENT_PRODUCTION_RELEASES.map(release => {
    const finishedAt = now - release.finishedMinutesAgo * MINUTE;
    return {
      entityRef: ref(release.name),
      environment: 'production',
      version: release.version,
      status: 'succeeded',
      startedAt: iso(finishedAt - 3 * MINUTE),
      finishedAt: iso(finishedAt),
      commitSha: sha(`${release.name}-${release.version}`),
      commitAt: iso(finishedAt - 50 * MINUTE),
      actor: release.actor,
      url: `https://ci.example.com/${release.name}/pipelines/hotfix-${release.version}`,
      source: 'demo-ci',
      externalId: `${release.name}-${release.version}-production`,
    };
  });
}

/** A stable, commit-looking hex string. */
function sha(seed: string): string {
  let h = 2166136261;
  let out = '';
  for (let round = 0; out.length < 40; round++) {
    for (const c of `${seed}/${round}`) {
      h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

function pipelineDeployments(now: number): DeploymentInput[] {
  const deployments: DeploymentInput[] = [];
  for (const { name, everyDays, actor } of PIPELINES) {
    const releases = Math.floor(30 / everyDays);
    for (let i = 0; i < releases; i++) {
      // Release i of `releases`, the newest last; minor versions count up.
      const version = `1.${i + 3}.0`;
      const commitAt = now - (30 - i * everyDays) * DAY + 9 * HOUR;
      const commitSha = sha(`${name}-${version}`);
      for (const [environment, delay] of [
        ['staging', 2 * HOUR],
        ['production', 26 * HOUR],
      ] as const) {
        const startedAt = commitAt + delay;
        if (startedAt > now) continue;
        deployments.push({
          entityRef: ref(name),
          environment,
          version,
          status: 'succeeded',
          startedAt: iso(startedAt),
          finishedAt: iso(startedAt + (4 + (i % 5)) * 60_000),
          commitSha,
          commitAt: iso(commitAt),
          actor,
          url: `https://ci.example.com/${name}/pipelines/${100 + i}`,
          source: 'demo-ci',
          externalId: `${name}-${version}-${environment}`,
        });
      }
    }
  }
  // checkoutservice went back to the release before its newest yesterday,
  // after its error rate alert fired (below).
  const checkout = deployments.filter(
    d =>
      d.entityRef === ref('checkoutservice') && d.environment === 'production',
  );
  const previous = checkout[checkout.length - 2];
  if (previous) {
    deployments.push({
      ...previous,
      startedAt: iso(now - 20 * HOUR),
      finishedAt: iso(now - 20 * HOUR + 3 * 60_000),
      actor: 'sam.okafor',
      url: 'https://ci.example.com/checkoutservice/pipelines/rollback-1',
      externalId: `checkoutservice-${previous.version}-production-rollback`,
    });
  }
  deployments.push(...recentReleases(now));
  // A deployment that failed half way, and one in progress.
  deployments.push(
    {
      entityRef: ref('cartservice'),
      environment: 'staging',
      version: '1.11.0',
      status: 'failed',
      startedAt: iso(now - 5 * HOUR),
      finishedAt: iso(now - 5 * HOUR + 7 * 60_000),
      commitSha: sha('cartservice-1.11.0'),
      commitAt: iso(now - 6 * HOUR),
      actor: 'lee.chen',
      url: 'https://ci.example.com/cartservice/pipelines/140',
      source: 'demo-ci',
      externalId: 'cartservice-1.11.0-staging',
    },
    {
      entityRef: ref('frontend'),
      environment: 'staging',
      version: '1.18.0',
      status: 'started',
      startedAt: iso(now - 3 * 60_000),
      commitSha: sha('frontend-1.18.0'),
      commitAt: iso(now - 40 * 60_000),
      actor: 'maria.garcia',
      url: 'https://ci.example.com/frontend/pipelines/160',
      source: 'demo-ci',
      externalId: 'frontend-1.18.0-staging',
    },
  );
  return deployments;
}

function errors(now: number): ServiceErrorInput[] {
  return [
    {
      entityRef: ref('paymentservice'),
      environment: 'production',
      stage: 'runtime',
      code: 'PSP_TIMEOUT',
      severity: 'critical',
      category: 'dependency',
      message: 'Charge request to the payment provider timed out after 10 s',
      stackTrace: [
        'Error: PSP_TIMEOUT: charge timed out after 10000 ms',
        '    at PaymentProvider.charge (/app/src/provider.js:88:13)',
        '    at async ChargeHandler.handle (/app/src/charge.js:41:20)',
        '    at async Server.<anonymous> (/app/src/server.js:63:5)',
      ].join('\n'),
      userImpact: 'Shoppers cannot complete checkout with a card.',
      businessImpact: 'Orders lost while it lasts (about 40 an hour).',
      occurredAt: iso(now - 3 * HOUR),
      source: 'demo-ci',
      externalId: 'paymentservice-psp-timeout',
    },
    {
      entityRef: ref('cartservice'),
      environment: 'production',
      stage: 'runtime',
      code: 'REDIS_ECONNREFUSED',
      severity: 'high',
      category: 'network',
      message: 'Connection to redis-cart:6379 refused',
      userImpact: 'Carts could not be read or saved.',
      businessImpact: 'Checkout conversion dropped for 25 minutes.',
      occurredAt: iso(now - 8 * DAY),
      resolvedAt: iso(now - 8 * DAY + 25 * 60_000),
      source: 'demo-ci',
      externalId: 'cartservice-redis-refused',
    },
    {
      entityRef: ref('frontend'),
      environment: 'production',
      stage: 'runtime',
      code: 'SLOW_RENDER',
      severity: 'medium',
      category: 'performance',
      message: 'Product page p95 render time above 800 ms',
      userImpact: 'Product pages load slowly.',
      occurredAt: iso(now - 30 * HOUR),
      source: 'demo-ci',
      externalId: 'frontend-slow-render',
    },
    {
      entityRef: ref('cartservice'),
      environment: 'staging',
      stage: 'deploy',
      code: 'MIGRATION_FAILED',
      severity: 'high',
      category: 'configuration',
      message:
        'Schema migration 0042 failed: column "expires_at" already exists',
      occurredAt: iso(now - 5 * HOUR + 6 * 60_000),
      source: 'demo-ci',
      externalId: 'cartservice-migration-0042',
    },
  ];
}

function githubDeployments(now: number): DemoGitHubDeployment[] {
  // productcatalogservice ships through GitHub Deployments, weekly.
  return [4, 3, 2, 1, 0].map((weeksAgo, i) => {
    const createdAt = now - weeksAgo * 7 * DAY - 2 * DAY;
    return {
      repository: 'opsready-demo/productcatalogservice',
      id: 900_000 + i,
      environment: 'production',
      version: `v2.${i}.0`,
      sha: sha(`productcatalogservice-v2.${i}.0`),
      createdAt: iso(createdAt),
      finishedAt: iso(createdAt + 6 * 60_000),
      state: i === 2 ? 'failure' : 'success',
      actor: 'noor.haddad',
    };
  });
}

function alerts(now: number): DemoAlert[] {
  return [
    {
      entity: 'checkoutservice',
      alertname: 'CheckoutHighErrorRate',
      severity: 'critical',
      summary: '5xx ratio above 5 % for 10 minutes after the last release',
      fingerprint: 'c0ffee0000000001',
      startsAt: iso(now - 22 * HOUR),
      endsAt: iso(now - 19 * HOUR),
    },
    {
      entity: 'frontend',
      alertname: 'FrontendLatencyHigh',
      severity: 'warning',
      summary: 'p95 latency above 500 ms',
      fingerprint: 'c0ffee0000000002',
      startsAt: iso(now - 2 * HOUR),
    },
  ];
}

/** The demo's delivery history at `now`. */
export function demoHistory(now: number = Date.now()): DemoHistory {
  return {
    deployments: pipelineDeployments(now),
    errors: errors(now),
    github: githubDeployments(now),
    alerts: alerts(now),
  };
}
