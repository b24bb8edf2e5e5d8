import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  normalizeEntityRef,
  SloBurning,
  SloStatus,
} from '@opsready/plugin-opsready-common';
import { DeploymentsStore } from '../database/DeploymentsStore';
import { SloStatusStore, StoredSloStatus } from '../database/SloStatusStore';
import { SloFactProvider, SpecOf } from '../facts/SloFactProvider';
import { BurnRateHistoryReader } from './burnRateHistory';
import { objectivesOf } from './sloStatus';

const HOUR_MS = 3600_000;
/** Rows read at a time while looking for what the caller may see. */
const PAGE = 100;
/** Pages read at most: a caller who may see little gets a short list. */
const MAX_PAGES = 10;

/**
 * The SLO API's answers: an entity's service level from its stored status
 * (measured now where none is stored yet), its burn rate over time and
 * its deployments; and the services burning their budget fastest, among
 * those the caller may see.
 */
export class SloReads {
  constructor(
    private readonly options: {
      store: SloStatusStore;
      specOf: SpecOf;
      provider: Pick<SloFactProvider, 'measure'>;
      history: BurnRateHistoryReader;
      deployments: Pick<DeploymentsStore, 'deploymentsBetween'>;
      catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
      now?: () => Date;
    },
  ) {}

  /** The entity's service level; `entity` as the caller may read it. */
  async status(entity: Entity, hours: number): Promise<SloStatus> {
    const { store, specOf, provider } = this.options;
    const entityRef = normalizeEntityRef(entity);
    const { spec, problems: specProblems } = specOf(entity);
    let stored = await store.getStatus(entityRef);
    let problems = stored?.problems ?? specProblems;
    if (!stored && spec) {
      // The same path as an evaluation's: the hook stores what it finds.
      const measured = await provider.measure(entity);
      problems = measured?.problems ?? [];
      stored = await store.getStatus(entityRef);
    }
    const to = this.options.now?.() ?? new Date();
    const range = { from: new Date(to.getTime() - hours * HOUR_MS), to };
    const objectives = stored?.objectives ?? (spec && objectivesOf(spec));
    const [history, deployments] = await Promise.all([
      this.options.history.read(entity, objectives?.availability, range),
      this.options.deployments.deploymentsBetween(
        [entityRef],
        undefined,
        range,
      ),
    ]);
    return {
      entityRef,
      ...(objectives ? { objectives } : {}),
      problems: [...problems, ...history.problems],
      ...(stored ? { sli: stored.sli } : {}),
      ...(stored?.budget ? { budget: stored.budget } : {}),
      ...(stored?.latencyMet !== undefined
        ? { latencyMet: stored.latencyMet }
        : {}),
      alerts: stored?.alerts ?? [],
      burnRateHistory: history.history,
      deployments: deployments.map(d => ({
        id: d.id,
        version: d.version,
        environment: d.environment,
        status: d.status,
        at: d.startedAt,
        rollbackAdvised: d.rollbackAdvised,
      })),
    };
  }

  /**
   * Up to `limit` services whose budget burns (a burn rate over the last
   * hour above 0), fastest first, leaving out those the caller may not see.
   */
  async burning(
    limit: number,
    credentials: BackstageCredentials,
  ): Promise<SloBurning[]> {
    const found: SloBurning[] = [];
    for (let page = 0; page < MAX_PAGES && found.length < limit; page++) {
      const rows = await this.options.store.listByBurnRate({
        limit: PAGE,
        offset: page * PAGE,
        minBurnRate: 0,
      });
      found.push(...(await this.visible(rows, credentials)));
      if (rows.length < PAGE) break;
    }
    return found.slice(0, limit);
  }

  private async visible(
    rows: StoredSloStatus[],
    credentials: BackstageCredentials,
  ): Promise<SloBurning[]> {
    if (rows.length === 0) return [];
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: rows.map(r => r.entityRef),
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.title',
        ],
      },
      { credentials },
    );
    return rows.flatMap((row, i) => {
      const entity = items[i];
      if (!entity) return [];
      return [
        {
          entityRef: row.entityRef,
          ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
          burnRate: row.burnRate1h ?? 0,
          ...(row.budget ? { budgetRemaining: row.budget.remaining } : {}),
          source: row.source,
          measuredAt: row.measuredAt,
          alerts: row.alerts,
        },
      ];
    });
  }
}
