import { ApiResponse, LevelDefinition } from '@opsready/plugin-opsready-common';
import { ConfigChange } from './configChanges';
import { Outcome } from './entityScoring';

export type ScorecardPreview = ApiResponse<'/scorecards/preview', 'post'>;
type Group = ScorecardPreview['groups'][number];
type Figures = Pick<
  ScorecardPreview,
  | 'entities'
  | 'changed'
  | 'groups'
  | 'scoreDelta'
  | 'levelsBefore'
  | 'levelsAfter'
>;

const NONE = 'none';

function minScoreOf(levels: ReadonlyArray<LevelDefinition>) {
  const byName = new Map(levels.map(l => [l.name, l.minScore]));
  return (level: string | null) =>
    level === null ? -Infinity : byName.get(level) ?? -Infinity;
}

function summaryOf(group: Group): string {
  const { count, kind } = group;
  const noun = count === 1 ? kind : `${kind}s`;
  if (group.scope === 'entering') {
    return `${count} ${noun} ${
      count === 1 ? 'enters' : 'enter'
    } the scorecard ${group.to ? `at ${group.to}` : 'below every level'}`;
  }
  if (group.scope === 'leaving') {
    return `${count} ${noun} ${
      count === 1 ? 'leaves' : 'leave'
    } the scorecard ${
      group.from ? `from ${group.from}` : 'from below every level'
    }`;
  }
  const [one, many] =
    group.direction === 'down' ? ['drops', 'drop'] : ['rises', 'rise'];
  return `${count} ${noun} ${count === 1 ? one : many} from ${
    group.from ?? 'no level'
  } to ${group.to ?? 'no level'}`;
}

/**
 * Counts one scorecard's before and after over the fleet, an entity at a
 * time: level distributions, score deltas, and the level changes grouped by
 * kind, from and to, with the changes that touch them.
 */
export class PreviewTally {
  private entities = 0;
  private changed = 0;
  private readonly levelsBefore: Record<string, number> = {};
  private readonly levelsAfter: Record<string, number> = {};
  private readonly groups = new Map<
    string,
    Group & { causeCounts: Map<string, number> }
  >();
  private readonly delta = { min: Infinity, max: -Infinity, sum: 0, scored: 0 };
  private readonly minBefore: (level: string | null) => number;
  private readonly minAfter: (level: string | null) => number;

  constructor(
    private readonly options: {
      levelsBefore: ReadonlyArray<LevelDefinition>;
      levelsAfter: ReadonlyArray<LevelDefinition>;
      changes: ReadonlyArray<ConfigChange>;
      entitiesPerGroup: number;
    },
  ) {
    this.minBefore = minScoreOf(options.levelsBefore);
    this.minAfter = minScoreOf(options.levelsAfter);
  }

  /**
   * One entity: its outcome before and after, undefined on a side whose
   * scope leaves it out. `touches` tells whether a change touches it.
   */
  add(
    entity: { entityRef: string; kind: string },
    before: Outcome | undefined,
    after: Outcome | undefined,
    touches: (change: ConfigChange) => boolean,
  ): void {
    if (!before && !after) return;
    this.entities += 1;
    if (before) {
      const level = before.level ?? NONE;
      this.levelsBefore[level] = (this.levelsBefore[level] ?? 0) + 1;
    }
    if (after) {
      const level = after.level ?? NONE;
      this.levelsAfter[level] = (this.levelsAfter[level] ?? 0) + 1;
    }
    const scoreBefore = before?.score ?? null;
    const scoreAfter = after?.score ?? null;
    if (scoreBefore !== null && scoreAfter !== null) {
      const d = scoreAfter - scoreBefore;
      this.delta.min = Math.min(this.delta.min, d);
      this.delta.max = Math.max(this.delta.max, d);
      this.delta.sum += d;
      this.delta.scored += 1;
    }
    if (before && after && before.level === after.level) return;

    this.changed += 1;
    let scope: 'entering' | 'leaving' | undefined;
    if (!before) scope = 'entering';
    else if (!after) scope = 'leaving';
    const from = before?.level ?? null;
    const to = after?.level ?? null;
    const key = JSON.stringify([entity.kind, scope, from, to]);
    let group = this.groups.get(key);
    if (!group) {
      const lower = scope
        ? scope === 'leaving'
        : this.minAfter(to) < this.minBefore(from);
      group = {
        summary: '',
        kind: entity.kind,
        from,
        to,
        direction: lower ? 'down' : 'up',
        ...(scope ? { scope } : {}),
        count: 0,
        entities: [],
        causes: [],
        causeCounts: new Map(),
      };
      this.groups.set(key, group);
    }
    group.count += 1;
    if (group.entities.length < this.options.entitiesPerGroup) {
      group.entities.push({
        entityRef: entity.entityRef,
        scoreBefore: before?.score ?? null,
        scoreAfter: after?.score ?? null,
      });
    }
    for (const change of this.options.changes) {
      if (touches(change)) {
        group.causeCounts.set(
          change.label,
          (group.causeCounts.get(change.label) ?? 0) + 1,
        );
      }
    }
  }

  figures(): Figures {
    const { delta } = this;
    return {
      entities: this.entities,
      changed: this.changed,
      groups: [...this.groups.values()]
        .map(({ causeCounts, ...group }) => ({
          ...group,
          summary: summaryOf(group),
          causes: [...causeCounts]
            .map(([change, count]) => ({ change, entities: count }))
            .sort((a, b) => b.entities - a.entities),
        }))
        .sort(
          (a, b) => b.count - a.count || a.summary.localeCompare(b.summary),
        ),
      scoreDelta: delta.scored
        ? {
            min: delta.min,
            avg: Math.round((delta.sum / delta.scored) * 100) / 100,
            max: delta.max,
            scored: delta.scored,
          }
        : { min: null, avg: null, max: null, scored: 0 },
      levelsBefore: this.levelsBefore,
      levelsAfter: this.levelsAfter,
    };
  }
}
