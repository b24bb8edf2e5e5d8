import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import { RollupReads } from '../database/DatabaseRollupReads';
import { entityRollup } from './entityRollup';
import { fleetRollups } from './fleetRollups';
import { OrgEntities } from './orgEntities';
import { RollupScoring } from './rollupScorecards';
import { Rollup, ROLLUP_KINDS, RollupKind, RollupsPage } from './types';

/**
 * Roll-ups of compliance scores along the org. Everything is read with the
 * caller's credentials: an entity the caller may not see in the catalog is
 * neither listed nor counted, and a group the caller may not see cuts the
 * group tree where it stands.
 */
export class RollupService {
  constructor(
    private readonly deps: {
      catalog: Pick<CatalogService, 'streamEntities' | 'getEntityByRef'>;
      reads: RollupReads;
      /** The scorecards and checks in force, read on every call. */
      scoring: () => RollupScoring;
    },
  ) {}

  /** The roll-up of one group, system or domain; 404 when not visible. */
  async rollup(
    target: { kind: string; namespace: string; name: string },
    scorecardId: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<Rollup> {
    const kind = rollupKind(target.kind, 'path');
    const scoring = this.deps.scoring();
    const scorecard = scoring.scorecard(scorecardId);
    const ref = normalizeEntityRef({ ...target, kind });
    const entity = await this.deps.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No ${kind} ${ref} in the catalog`);
    }
    return entityRollup({
      target: { ref, title: entity.metadata.title ?? entity.metadata.name },
      kind,
      scorecard,
      scoring,
      org: new OrgEntities(this.deps.catalog, credentials),
      reads: this.deps.reads,
    });
  }

  /** A page of the roll-ups of a kind, worst average first. */
  async list(
    query: {
      kind?: string;
      scorecard?: string;
      cursor?: string;
      limit: number;
    },
    credentials: BackstageCredentials,
  ): Promise<RollupsPage> {
    const kind = rollupKind(query.kind ?? 'group', 'query');
    const scoring = this.deps.scoring();
    return fleetRollups({
      kind,
      scorecard: scoring.scorecard(query.scorecard),
      scoring,
      org: new OrgEntities(this.deps.catalog, credentials),
      reads: this.deps.reads,
      page: { offset: offsetOf(query.cursor), limit: query.limit },
    });
  }
}

function rollupKind(kind: string, where: 'path' | 'query'): RollupKind {
  const lower = kind.toLocaleLowerCase('en-US');
  if (!(ROLLUP_KINDS as ReadonlyArray<string>).includes(lower)) {
    throw new InputError(
      `Invalid ${where}: kind: roll-ups are of the kinds ${ROLLUP_KINDS.join(
        ', ',
      )}`,
    );
  }
  return lower as RollupKind;
}

function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^\d{1,9}$/.test(cursor)) {
    throw new InputError(
      'Invalid query: cursor: not a nextCursor of this route',
    );
  }
  return Number(cursor);
}
