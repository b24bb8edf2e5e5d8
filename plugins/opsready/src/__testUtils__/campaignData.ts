import { DateTime } from 'luxon';
import {
  CampaignEntity,
  CampaignProgress,
  CampaignSummary,
  CheckCatalog,
  EntityCampaign,
  TeamCampaignItems,
} from '../api/OpsReadyApi';

/** Noon `days` from today: the same calendar day in every time zone. */
export const daysFromNow = (days: number) =>
  DateTime.now().startOf('day').plus({ days, hours: 12 }).toUTC().toISO()!;

export const checkCatalog: CheckCatalog = {
  items: [
    {
      id: 'catalog.owner',
      title: 'Owner set',
      description: 'Every component names the team that answers for it.',
      category: 'catalog',
      severity: 'high',
      weight: 3,
      remediation: 'Set `spec.owner`.',
    },
    {
      id: 'kubernetes.probes',
      title: 'Readiness and liveness probes',
      description: 'Workloads declare probes.',
      category: 'kubernetes',
      severity: 'critical',
      weight: 5,
      remediation: 'Add a `readinessProbe`.',
    },
  ],
  levels: [
    { name: 'bronze', minScore: 50 },
    { name: 'silver', minScore: 75 },
    { name: 'gold', minScore: 90, noFailingCritical: true },
  ],
};

/** "Probes everywhere": 40 services, 30 done or exempt, due in 5 days. */
export const campaign = (
  extra: Partial<CampaignSummary> = {},
): CampaignSummary => ({
  id: 'c1',
  name: 'Probes everywhere',
  description: 'Every service declares probes.',
  rationale: 'Without probes, **rollouts** send traffic to pods not ready.',
  goal: { checks: ['kubernetes.probes'], minLevel: null },
  scope: { kinds: ['Component'], types: ['service'] },
  startsAt: daysFromNow(-20),
  deadline: daysFromNow(5),
  owner: 'group:default/platform',
  enforce: true,
  state: 'active',
  createdBy: 'user:default/ada.lovelace',
  createdAt: daysFromNow(-21),
  updatedAt: daysFromNow(-2),
  figures: { total: 40, done: 28, exempt: 2, open: 10 },
  projection: {
    atRisk: false,
    ratePerWeek: 14,
    projectedCompletion: daysFromNow(4),
  },
  computedAt: daysFromNow(0),
  ...extra,
});

export const probesItem = {
  type: 'check' as const,
  checkId: 'kubernetes.probes',
  title: 'Readiness and liveness probes',
  status: 'fail',
  message: 'Deployment cartservice has no readiness probe.',
  remediation:
    'Add a `readinessProbe`. See [the guide](https://docs.example.com/probes).',
};

export const campaignEntity = (
  name: string,
  extra: Partial<CampaignEntity> = {},
): CampaignEntity => ({
  entityRef: `component:default/${name}`,
  owner: 'group:default/payments',
  status: 'open',
  items: [
    { ...probesItem, message: `Deployment ${name} has no readiness probe.` },
  ],
  since: daysFromNow(-3),
  ...extra,
});

export const progress = (
  extra: Partial<CampaignProgress> = {},
): CampaignProgress => ({
  campaignId: 'c1',
  figures: { total: 40, done: 28, exempt: 2, open: 10 },
  projection: campaign().projection,
  burnUp: [
    { day: daysFromNow(-2).slice(0, 10), total: 40, done: 20, exempt: 2 },
    { day: daysFromNow(-1).slice(0, 10), total: 40, done: 25, exempt: 2 },
    { day: daysFromNow(0).slice(0, 10), total: 40, done: 28, exempt: 2 },
  ],
  teams: [
    {
      owner: 'group:default/payments',
      total: 20,
      done: 12,
      exempt: 1,
      open: 7,
    },
    { owner: 'group:default/growth', total: 20, done: 16, exempt: 1, open: 3 },
  ],
  computedAt: daysFromNow(0),
  ...extra,
});

export const entityCampaign = (
  extra: Partial<EntityCampaign> = {},
): EntityCampaign => ({
  campaign: {
    id: 'c1',
    name: 'Probes everywhere',
    state: 'active',
    deadline: daysFromNow(5),
    owner: 'group:default/platform',
    enforce: true,
  },
  status: 'open',
  items: [probesItem],
  dueAt: daysFromNow(5),
  ...extra,
});

export const teamItems = (
  extra: Partial<TeamCampaignItems> = {},
): TeamCampaignItems => ({
  campaign: {
    id: 'c1',
    name: 'Probes everywhere',
    state: 'active',
    deadline: daysFromNow(5),
    atRisk: true,
  },
  entities: [campaignEntity('cartservice')],
  ...extra,
});
