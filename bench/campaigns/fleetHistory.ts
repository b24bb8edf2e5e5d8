/*
 * A fleet of entities and 90 days of their evaluation history, generated
 * from a seed: the rows the evaluations and exemptions would have written.
 * Most entities fail the campaign's two checks at first and fix them on a
 * day of their own; some flap; some never fix them; a few always passed.
 * Other checks change too, as they do, so that the history holds more than
 * the campaign asks for.
 */
import type { CheckStatus } from '@opsready/plugin-opsready-common';
import { seededRandom } from '../notify/sweep';

export const GOAL_CHECKS = ['kubernetes.pdb', 'kubernetes.probes'];
const OTHER_CHECKS = [
  'docs.readme',
  'ownership.codeowners',
  'ci.pipeline',
  'kubernetes.resources',
  'security.image-tag',
  'delivery.rollback',
];
const DAY = 24 * 60 * 60 * 1000;

export interface ResultChangeRow {
  entity_ref: string;
  check_id: string;
  status: CheckStatus;
  message: string;
  changed_at: Date;
}

export interface ScoreRow {
  entity_ref: string;
  score: number;
  level: string | null;
  recorded_at: Date;
}

export interface ExemptionRow {
  id: string;
  entity_ref: string;
  check_id: string;
  reason: string;
  expires_at: Date;
  created_by: string;
  created_at: Date;
  status: 'granted' | 'requested' | 'declined';
  decided_by: string | null;
  decided_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface FleetHistory {
  entities: Array<{ ref: string; owner: string | null }>;
  results: ResultChangeRow[];
  scores: ScoreRow[];
  exemptions: ExemptionRow[];
  /** How many entities of each kind. */
  profiles: Record<Profile, number>;
}

type Profile = 'passing' | 'fixing' | 'flapping' | 'never';

const messages: Record<string, Record<string, string>> = {
  'kubernetes.pdb': {
    fail: 'No PodDisruptionBudget selects the pods of Deployment web',
    pass: 'PodDisruptionBudget web-pdb allows 1 disruption of 3 replicas',
    error: 'Could not list PodDisruptionBudgets: the cluster timed out',
  },
  'kubernetes.probes': {
    fail: 'Container web has no readiness probe',
    pass: 'Every container has liveness and readiness probes',
    error: 'Could not read the Deployment: the cluster timed out',
  },
};
const messageOf = (checkId: string, status: string) =>
  messages[checkId]?.[status] ?? `${checkId}: ${status}`;

function levelOf(score: number): string | null {
  if (score >= 90) return 'gold';
  if (score >= 75) return 'silver';
  if (score >= 50) return 'bronze';
  return null;
}

/** The times and statuses one check of one entity goes through. */
type Track = Array<{ at: number; status: CheckStatus }>;

export function generateFleetHistory(options: {
  entities: number;
  teams: number;
  now: Date;
  days: number;
  seed: number;
}): FleetHistory {
  const random = seededRandom(options.seed);
  const now = options.now.getTime();
  const start = now - options.days * DAY;
  const within = (from: number, to: number) => from + random() * (to - from);
  const profiles: Record<Profile, number> = {
    passing: 0,
    fixing: 0,
    flapping: 0,
    never: 0,
  };
  const fleet: FleetHistory = {
    entities: [],
    results: [],
    scores: [],
    exemptions: [],
    profiles,
  };

  for (let i = 0; i < options.entities; i++) {
    const ref = `component:default/svc-${String(i).padStart(5, '0')}`;
    // One in 50 has no owner.
    const owner =
      i % 50 === 49
        ? null
        : `group:default/team-${String(i % options.teams).padStart(3, '0')}`;
    fleet.entities.push({ ref, owner });
    // First evaluated up to 30 days before the campaign's start.
    const first = within(start - 30 * DAY, start);
    const r = random();
    let profile: Profile = 'never';
    if (r < 0.05) profile = 'passing';
    else if (r < 0.75) profile = 'fixing';
    else if (r < 0.9) profile = 'flapping';
    profiles[profile] += 1;

    const tracks = new Map<string, Track>();
    for (const checkId of GOAL_CHECKS) {
      const track: Track = [];
      if (profile === 'passing' || (profile === 'fixing' && random() < 0.3)) {
        track.push({ at: first, status: 'pass' });
      } else {
        track.push({ at: first, status: 'fail' });
      }
      if (profile === 'fixing' && track[0].status === 'fail') {
        // Fixed sooner rather than later; one in ten breaks it again once.
        const fixed = start + random() ** 1.5 * (now - start);
        track.push({ at: fixed, status: 'pass' });
        if (random() < 0.1 && fixed < now - 10 * DAY) {
          const broken = within(fixed, now - 5 * DAY);
          track.push({ at: broken, status: 'fail' });
          track.push({ at: within(broken, now), status: 'pass' });
        }
      } else if (profile === 'flapping' && checkId === GOAL_CHECKS[0]) {
        const flips = 4 + Math.floor(random() * 16);
        const times = Array.from({ length: flips }, () =>
          within(start, now),
        ).sort((a, b) => a - b);
        times.forEach((at, k) =>
          track.push({ at, status: k % 2 ? 'fail' : 'pass' }),
        );
      } else if (profile === 'flapping') {
        track.push({ at: within(start, now), status: 'pass' });
      } else if (profile === 'never' && random() < 0.3) {
        // The cluster could not be read for a while.
        const from = within(start, now - DAY);
        track.push({ at: from, status: 'error' });
        track.push({ at: from + within(DAY / 24, DAY), status: 'fail' });
      }
      tracks.set(checkId, track);
    }
    for (const checkId of OTHER_CHECKS) {
      const track: Track = [
        { at: first, status: random() < 0.6 ? 'pass' : 'fail' },
      ];
      const changes = Math.floor(random() * 4);
      for (let k = 0; k < changes; k++) {
        const previous = track[track.length - 1];
        track.push({
          at: within(previous.at, now),
          status: (previous.status === 'pass' ? 'fail' : 'pass') as CheckStatus,
        });
      }
      tracks.set(checkId, track);
    }
    addRows(fleet, ref, tracks);

    if ((profile === 'never' || profile === 'flapping') && random() < 0.2) {
      fleet.exemptions.push(
        exemption(ref, i, within(start, now - 7 * DAY), random),
      );
    }
  }
  return fleet;
}

/** The result history of one entity's tracks, and its scores at each change. */
function addRows(fleet: FleetHistory, ref: string, tracks: Map<string, Track>) {
  const changes: Array<{ at: number; checkId: string; status: CheckStatus }> =
    [];
  for (const [checkId, track] of tracks) {
    for (const step of track) changes.push({ checkId, ...step });
  }
  changes.sort((a, b) => a.at - b.at);
  const passing = new Map<string, boolean>();
  for (const change of changes) {
    fleet.results.push({
      entity_ref: ref,
      check_id: change.checkId,
      status: change.status,
      message: messageOf(change.checkId, change.status),
      changed_at: new Date(change.at),
    });
    passing.set(change.checkId, change.status === 'pass');
    const score = Math.round(
      (100 * [...passing.values()].filter(Boolean).length) / tracks.size,
    );
    fleet.scores.push({
      entity_ref: ref,
      score,
      level: levelOf(score),
      recorded_at: new Date(change.at),
    });
  }
}

/** An exemption from the first goal check: granted, revoked, declined or waiting. */
function exemption(
  ref: string,
  i: number,
  createdAt: number,
  random: () => number,
): ExemptionRow {
  const kind = random();
  const decidedAt = createdAt + random() * 3 * DAY;
  const granted = kind < 0.8;
  let status: ExemptionRow['status'] = 'requested';
  if (granted) status = 'granted';
  else if (kind < 0.9) status = 'declined';
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    entity_ref: ref,
    check_id: GOAL_CHECKS[0],
    reason:
      'A singleton batch job: a disruption budget would block node drains',
    expires_at: new Date(createdAt + 60 * DAY),
    created_by: 'user:default/owner',
    created_at: new Date(createdAt),
    status,
    decided_by: kind < 0.9 ? 'user:default/platform-lead' : null,
    decided_at: kind < 0.9 ? new Date(decidedAt) : null,
    revoked_at: granted && kind < 0.2 ? new Date(decidedAt + 10 * DAY) : null,
    revoked_by: granted && kind < 0.2 ? 'user:default/platform-lead' : null,
  };
}
