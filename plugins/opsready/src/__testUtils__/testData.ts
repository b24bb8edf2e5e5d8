import { ResponseError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import {
  defaultLevels,
  Deployment,
  DoraFigures,
  EntityEvaluation,
  NotificationRecord,
  ListedMaintenanceWindow,
  ServiceError,
} from '@opsready/plugin-opsready-common';
import { OpsReadyApi } from '../api/OpsReadyApi';

export const checkoutservice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkoutservice', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

export const evaluation: EntityEvaluation = {
  entityRef: 'component:default/checkoutservice',
  score: 60,
  level: 'bronze',
  nextLevel: {
    name: 'silver',
    minScore: 75,
    pointsNeeded: 15,
    blockingChecks: [],
  },
  evaluatedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  scorecards: [
    {
      id: 'production-readiness',
      title: 'Production readiness',
      score: 60,
      level: 'bronze',
      nextLevel: {
        name: 'silver',
        minScore: 75,
        pointsNeeded: 15,
        blockingChecks: [],
      },
      levels: defaultLevels,
      checks: [
        { id: 'catalog.owner', weight: 3 },
        { id: 'catalog.description', weight: 1 },
      ],
    },
  ],
  checks: [
    {
      id: 'catalog.owner',
      title: 'Owner set',
      description: 'Every component names the team that answers for it.',
      category: 'catalog',
      severity: 'high',
      weight: 3,
      remediation: 'Set `spec.owner`.',
      result: {
        checkId: 'catalog.owner',
        status: 'pass',
        message: 'Owned by group:default/payments.',
      },
    },
    {
      id: 'catalog.description',
      title: 'Description',
      description: 'A one-line description.',
      category: 'catalog',
      severity: 'low',
      weight: 1,
      remediation: 'Add `metadata.description`.',
      result: {
        checkId: 'catalog.description',
        status: 'fail',
        message: 'No description is set.',
      },
    },
  ],
};

/**
 * The evaluation with these checks instead, its one scorecard scoring them
 * all, as the backend gives an evaluation without `opsready.scorecards`.
 */
export function evaluationWith(
  checks: EntityEvaluation['checks'],
  overrides: Partial<EntityEvaluation> = {},
): EntityEvaluation {
  const [first] = evaluation.scorecards;
  return {
    ...evaluation,
    ...overrides,
    checks,
    scorecards: [
      {
        ...first,
        score: overrides.score ?? evaluation.score,
        level: overrides.level ?? evaluation.level,
        checks: checks.map(c => ({ id: c.id, weight: c.weight })),
      },
    ],
  };
}

/**
 * A new service's health check, waiting for its first probe until
 * 14 December 2026 (noon, so the date is the same in every time zone).
 */
export const pendingUptime: EntityEvaluation['checks'][number] = {
  id: 'health.uptime',
  title: 'Uptime target met',
  description: 'Every probed health endpoint answered its probes.',
  category: 'health',
  severity: 'high',
  weight: 3,
  remediation: 'Look at the endpoint.',
  result: {
    checkId: 'health.uptime',
    status: 'pending',
    message:
      'Waiting for the first probe: no declared health endpoint has been probed yet, so its uptime is not known.',
    pendingUntil: '2026-12-14T12:00:00.000Z',
  },
};

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

export const deployment = (
  n: number,
  extra: Partial<Deployment> = {},
): Deployment => ({
  id: `d${n}`,
  entityRef: 'component:default/checkoutservice',
  environment: 'production',
  version: `1.0.${n}`,
  status: 'succeeded',
  startedAt: minutesAgo(n * 60),
  finishedAt: minutesAgo(n * 60 - 3),
  durationMs: 180_000,
  actor: 'ada',
  commitSha: `abcdef${n}0000000`,
  url: `https://ci.example.com/runs/${n}`,
  source: 'ci',
  externalId: `run-${n}`,
  isRollback: false,
  changeFailure: false,
  changeFailureReasons: [],
  rollbackAdvised: false,
  receivedAt: minutesAgo(n * 60),
  updatedAt: minutesAgo(n * 60),
  ...extra,
});

export const errorEvent = (
  n: number,
  extra: Partial<ServiceError> = {},
): ServiceError => ({
  id: `e${n}`,
  entityRef: 'component:default/checkoutservice',
  environment: 'production',
  severity: 'high',
  category: 'dependency',
  message: `redis unreachable ${n}`,
  occurredAt: minutesAgo(n * 30),
  source: 'alertmanager',
  externalId: `alert-${n}`,
  fingerprint: `fp-${n}`,
  count: 3,
  firstSeenAt: minutesAgo(n * 30 + 120),
  lastSeenAt: minutesAgo(n * 30),
  status: 'open',
  ...extra,
});

/** A notice the notifier logged for checkoutservice, `minutes` ago. */
export const notice = (
  minutes: number,
  extra: Partial<NotificationRecord> = {},
): NotificationRecord => ({
  id: `n${minutes}`,
  entityRef: 'component:default/checkoutservice',
  environment: 'production',
  topic: 'health',
  kind: 'health.changed',
  severity: 'critical',
  title: 'checkoutservice down',
  link: '/catalog/default/component/checkoutservice/opsready-errors',
  scope: 'health:component:default/checkoutservice:production',
  recipients: ['group:default/payments'],
  status: 'sent',
  createdAt: minutesAgo(minutes),
  problemOpen: true,
  ...extra,
});

export const dora: DoraFigures = {
  from: minutesAgo(30 * 24 * 60),
  to: minutesAgo(0),
  environment: 'production',
  deployments: 42,
  deploymentFrequency: { value: 1.4, band: 'elite' },
  leadTimeHours: { value: 20, band: 'high' },
  changeFailureRate: { value: 0.12, band: 'high' },
  timeToRestoreHours: { value: null, band: null },
};

/**
 * An OpsReady API whose every read answers "nothing yet", for tests that
 * override only what they look at.
 */
export const hoursFromNow = (hours: number) =>
  new Date(Date.now() + hours * 3600_000).toISOString();

/** A window of checkoutservice in force from an hour ago for three hours. */
export const maintenanceWindow = (
  extra: Partial<ListedMaintenanceWindow> = {},
): ListedMaintenanceWindow => ({
  id: 'w1',
  targetRef: 'component:default/checkoutservice',
  startsAt: hoursFromNow(-1),
  endsAt: hoursFromNow(2),
  reason: 'Database upgrade',
  createdBy: 'user:default/pat',
  createdAt: hoursFromNow(-2),
  source: 'manual',
  active: true,
  nextOccurrence: { start: hoursFromNow(-1), end: hoursFromNow(2) },
  ...extra,
});

export function emptyApi(overrides: Partial<OpsReadyApi> = {}): OpsReadyApi {
  return {
    getScorecardConfig: jest.fn().mockResolvedValue({}),
    getRollup: jest.fn().mockRejectedValue(new Error('No roll-up here')),
    getRollups: jest.fn().mockResolvedValue({
      kind: 'group',
      scorecardId: 'production-readiness',
      scorecards: [],
      total: 0,
      items: [],
    }),
    previewScorecards: jest.fn(),
    getEntityEvaluation: jest.fn().mockResolvedValue(evaluation),
    refreshEntityEvaluation: jest.fn().mockResolvedValue(evaluation),
    getScoreHistory: jest.fn().mockResolvedValue({ items: [] }),
    getExemptions: jest.fn().mockResolvedValue({ items: [] }),
    createExemption: jest.fn(),
    requestExemption: jest.fn(),
    decideExemption: jest.fn(),
    revokeExemption: jest.fn(),
    getHealth: jest.fn().mockResolvedValue({
      entityRef: 'component:default/checkoutservice',
      endpoints: [],
      declared: [],
      problems: [],
    }),
    getHealthHistory: jest.fn().mockResolvedValue({
      from: minutesAgo(7 * 24 * 60),
      to: minutesAgo(0),
      bucket: 'day',
      items: [],
      maintenance: [],
    }),
    getMaintenanceWindows: jest.fn().mockResolvedValue({ items: [] }),
    createMaintenanceWindow: jest.fn(),
    deleteMaintenanceWindow: jest.fn(),
    getDeployments: jest.fn().mockResolvedValue({ items: [] }),
    getEnvironments: jest.fn().mockResolvedValue({ items: [] }),
    getDora: jest.fn().mockResolvedValue(dora),
    getOwnerDora: jest.fn(),
    getErrors: jest.fn().mockResolvedValue({ items: [] }),
    getErrorSeries: jest.fn().mockResolvedValue({
      from: minutesAgo(7 * 24 * 60),
      to: minutesAgo(0),
      items: [],
      environments: [],
    }),
    resolveError: jest.fn(),
    getTimeline: jest.fn().mockResolvedValue({
      from: minutesAgo(7 * 24 * 60),
      to: minutesAgo(0),
      items: [],
    }),
    getFleet: jest.fn(),
    getNotifications: jest.fn().mockResolvedValue({ items: [] }),
    getChecks: jest.fn().mockResolvedValue({ items: [], levels: [] }),
    getScorecards: jest.fn().mockResolvedValue([]),
    getCampaigns: jest.fn().mockResolvedValue({ items: [] }),
    getCampaign: jest.fn(),
    previewCampaign: jest
      .fn()
      .mockResolvedValue({ matching: 0, sample: [], warnings: [] }),
    createCampaign: jest.fn(),
    updateCampaign: jest.fn(),
    getCampaignHistory: jest.fn().mockResolvedValue({ items: [] }),
    getCampaignProgress: jest.fn(),
    getCampaignEntities: jest
      .fn()
      .mockResolvedValue({ items: [], totalItems: 0 }),
    exportCampaign: jest.fn(),
    getEntityCampaigns: jest.fn().mockResolvedValue({ items: [] }),
    getCampaignItems: jest.fn(async (owner: string) => ({ owner, items: [] })),
    getFixProposals: jest.fn().mockResolvedValue({ items: [] }),
    getSlo: jest.fn().mockResolvedValue({
      entityRef: 'component:default/checkoutservice',
      problems: [],
      alerts: [],
      burnRateHistory: { window: '1h', points: [] },
      deployments: [],
    }),
    getBurningServices: jest.fn().mockResolvedValue({ items: [] }),
    ...overrides,
  };
}

/** The error the client throws when the backend answers 404 with a reason. */
export async function backendError(message: string, statusCode = 404) {
  const response = new Response(
    JSON.stringify({
      error: { name: 'NotFoundError', message },
      response: { statusCode },
    }),
    { status: statusCode, headers: { 'Content-Type': 'application/json' } },
  );
  return ResponseError.fromResponse(response as any);
}
