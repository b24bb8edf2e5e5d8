/*
 * Seeds the benchmark's database: the evaluation history of the fleet, as
 * the evaluations and exemptions write it, and a campaign over the whole
 * fleet with its entity rows as the tracker would write them now and its
 * burn-up replayed from the history since its start.
 */
import type {
  CheckDescription,
  CheckResult,
} from '@opsready/plugin-opsready-common';
import { defaultLevels } from '@opsready/plugin-opsready-common';
import { Knex } from 'knex';
import {
  campaignStatus,
  GoalContext,
} from '../../plugins/opsready-backend/src/campaigns/campaignStatus';
import { replayBurnUp } from '../../plugins/opsready-backend/src/campaigns/replayBurnUp';
import type {
  CampaignEntityRow,
  StoredCampaign,
} from '../../plugins/opsready-backend/src/campaigns/types';
import { DatabaseCampaignsStore } from '../../plugins/opsready-backend/src/database/DatabaseCampaignsStore';
import { FleetHistory, GOAL_CHECKS } from './fleetHistory';

const DAY = 24 * 60 * 60 * 1000;
// Rows per insert: SQLite takes at most 500 in one.
const ROWS_PER_INSERT = 500;

const description = (id: string, title: string): CheckDescription => ({
  id,
  title,
  description: title,
  category: 'kubernetes',
  severity: 'high',
  weight: 10,
  remediation: `Add it to the service's Kubernetes manifests. See the platform handbook, "${title}".`,
});

export const goalContext: GoalContext = {
  goal: { checks: GOAL_CHECKS },
  levels: defaultLevels,
  checks: new Map([
    [
      'kubernetes.pdb',
      description('kubernetes.pdb', 'Has a PodDisruptionBudget'),
    ],
    [
      'kubernetes.probes',
      description('kubernetes.probes', 'Has liveness and readiness probes'),
    ],
  ]),
};

async function insertAll(db: Knex, table: string, rows: object[]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db(table).insert(rows.slice(i, i + ROWS_PER_INSERT));
  }
}

/** Where each entity stands now, judged from the history as the tracker would. */
export function currentRows(
  fleet: FleetHistory,
  now: Date,
  since: Date,
): CampaignEntityRow[] {
  type Result = Pick<CheckResult, 'status' | 'message'>;
  const latest = new Map<string, Map<string, Result>>();
  // The history is in time order per entity.
  for (const row of fleet.results) {
    if (!GOAL_CHECKS.includes(row.check_id) || row.changed_at > now) continue;
    const results = latest.get(row.entity_ref) ?? new Map<string, Result>();
    results.set(row.check_id, { status: row.status, message: row.message });
    latest.set(row.entity_ref, results);
  }
  const exempt = new Map<string, Set<string>>();
  for (const e of fleet.exemptions) {
    const until =
      e.revoked_at && e.revoked_at < e.expires_at ? e.revoked_at : e.expires_at;
    const from = e.decided_at ?? e.created_at;
    if (e.status !== 'granted' || from > now || until <= now) continue;
    const checks = exempt.get(e.entity_ref) ?? new Set();
    exempt.set(e.entity_ref, checks.add(e.check_id));
  }
  return fleet.entities.map(({ ref, owner }) => {
    const standing = campaignStatus(goalContext, {
      results: latest.get(ref) ?? new Map(),
      level: null,
      exemptCheckIds: exempt.get(ref) ?? new Set(),
    });
    return {
      entityRef: ref,
      owner,
      status: standing.status,
      items: standing.items,
      since: since.toISOString(),
    };
  });
}

export const CAMPAIGN_ID = '00000000-0000-4000-8000-0000000c4a11';

export async function seed(options: {
  db: Knex;
  fleet: FleetHistory;
  now: Date;
  days: number;
}) {
  const { db, fleet, now } = options;
  const store = await DatabaseCampaignsStore.create({
    database: { getClient: async () => db, migrations: { skip: false } },
  });
  await insertAll(db, 'opsready_check_result_history', fleet.results);
  await insertAll(db, 'opsready_score_history', fleet.scores);
  await insertAll(db, 'opsready_exemptions', fleet.exemptions);
  // The latest score of each entity: the fleet as the evaluations keep it.
  const latest = new Map(fleet.scores.map(s => [s.entity_ref, s]));
  await insertAll(
    db,
    'opsready_entity_scores',
    fleet.entities.map(({ ref, owner }) => ({
      entity_ref: ref,
      score: latest.get(ref)?.score ?? null,
      level: latest.get(ref)?.level ?? null,
      evaluated_at: now,
      kind: 'component',
      owner,
    })),
  );

  const startsAt = new Date(now.getTime() - options.days * DAY);
  const campaign: StoredCampaign = {
    id: CAMPAIGN_ID,
    name: 'Every production service has a PodDisruptionBudget and probes',
    description: 'Node drains and rollouts must not take services down.',
    rationale: 'Two outages last quarter came from node drains.',
    goal: goalContext.goal,
    scope: { kinds: ['component'], lifecycles: ['production'] },
    startsAt: startsAt.toISOString(),
    deadline: new Date(now.getTime() + 30 * DAY).toISOString(),
    owner: 'group:default/platform',
    enforce: true,
    state: 'active',
    createdBy: 'user:default/platform-lead',
    createdAt: startsAt.toISOString(),
    updatedAt: startsAt.toISOString(),
  };
  await store.createCampaign(campaign, {
    action: 'launched',
    by: campaign.createdBy,
    at: campaign.createdAt,
    changes: {},
  });
  const rows = currentRows(fleet, now, startsAt);
  await store.replaceEntities(CAMPAIGN_ID, rows);
  const refs = fleet.entities.map(e => e.ref);
  const history = await store.readHistory(refs, GOAL_CHECKS, now);
  await store.replaceDays(
    CAMPAIGN_ID,
    replayBurnUp({
      entityRefs: refs,
      context: goalContext,
      history,
      from: startsAt,
      to: now,
    }),
  );
  await store.markComputed(CAMPAIGN_ID, now);
  return { store, campaign, rows };
}
