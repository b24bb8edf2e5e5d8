import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BurnUpPoint,
  CampaignFigures,
  CheckDescription,
  LevelDefinition,
  normalizeEntityRef,
} from '@opsready/plugin-opsready-common';
import { HumanDuration } from '@backstage/types';
import { DateTime } from 'luxon';
import { CampaignLaunchesStore } from '../database/CampaignLaunchesStore';
import { EvaluationsStore } from '../database/EvaluationsStore';
import { ExemptionsStore } from '../database/ExemptionsStore';
import { publishSafely } from '../notifications/publishSafely';
import { DomainEventPublisher } from '../notifications/types';
import {
  completesNow,
  dayPoint,
  figuresOf,
  goalContext,
  hasStarted,
  judgeEntity,
  utcDay,
} from './campaignRows';
import { allCampaigns } from './allCampaigns';
import { replayBurnUp } from './replayBurnUp';
import { matchesScope, scopeEntities } from './scope';
import {
  CampaignEntityRow,
  CampaignsStore,
  EvaluatedEntity,
  EvaluationListener,
  StoredCampaign,
} from './types';

/** Who a campaign's history names for what the tracker records. */
export const CAMPAIGN_TRACKER_AUTHOR = 'plugin:opsready';

const NO_FIGURES: CampaignFigures = { total: 0, done: 0, exempt: 0, open: 0 };

export interface CampaignTrackerOptions {
  store: CampaignsStore;
  catalog: Pick<CatalogService, 'streamEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  evaluations: Pick<EvaluationsStore, 'getEvaluations'>;
  exemptions: Pick<ExemptionsStore, 'activeExemptionsOf'>;
  launches: CampaignLaunchesStore;
  /** The checks in force: their titles and fixes name a row's items. */
  checks: () => ReadonlyArray<CheckDescription>;
  levels: ReadonlyArray<LevelDefinition>;
  logger: LoggerService;
  /** Told when a campaign starts and when it completes. */
  publisher?: DomainEventPublisher;
  now?: () => Date;
}

/**
 * Keeps each campaign's progress: which entities its scope has and where
 * each stands against its goal, the day's point of the burn-up, and when it
 * completed. The whole scope is read again on a schedule and after each
 * launch or edit; in between, each batch of evaluations updates the
 * campaigns its entities are in (or have left).
 */
export class CampaignTracker {
  private readonly now: () => Date;

  constructor(private readonly options: CampaignTrackerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Refreshes every campaign not ended, every `frequency`, once across replicas. */
  async start(
    scheduler: Pick<SchedulerService, 'scheduleTask'>,
    frequency: HumanDuration,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'opsready-campaigns-refresh',
      scope: 'global',
      frequency,
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
      fn: async () => {
        await this.refreshAll();
      },
    });
  }

  /** Refreshes every campaign not ended; one that fails is logged and skipped. */
  async refreshAll(): Promise<{ refreshed: number; failed: number }> {
    let refreshed = 0;
    let failed = 0;
    for (const campaign of await allCampaigns(this.options.store, [
      'active',
      'paused',
    ])) {
      try {
        await this.refreshCampaign(campaign);
        refreshed++;
      } catch (error) {
        failed++;
        this.options.logger.warn(
          `OpsReady could not refresh the progress of campaign ${campaign.id}: ${error}`,
        );
      }
    }
    this.options.logger.info(
      `OpsReady refreshed the progress of ${refreshed} campaigns${
        failed ? `; ${failed} failed` : ''
      }`,
    );
    return { refreshed, failed };
  }

  /**
   * Reads the campaign's scope from the catalog and judges each of its
   * entities by its latest evaluation and the exemptions in force; records
   * the day, the completion the first time nothing is left, and tells the
   * launch the first time the campaign is seen started.
   */
  async refreshCampaign(campaign: StoredCampaign): Promise<void> {
    await this.recompute(campaign);
  }

  /**
   * The burn-up replayed from the campaign's start to yesterday, from the
   * history of the entities now in scope (`entityRefs`, else read from the
   * catalog), then today's point from the rows as they are. A campaign that
   * starts today or later has no past days.
   */
  async rebaseline(
    campaign: StoredCampaign,
    entityRefs?: string[],
  ): Promise<void> {
    const { store } = this.options;
    const now = this.now();
    const refs = entityRefs ?? (await this.scopeRefs(campaign));
    const today = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day');
    const start = new Date(campaign.startsAt);
    let points: BurnUpPoint[] = [];
    if (utcDay(start) < utcDay(now)) {
      const history = await store.readHistory(
        refs,
        campaign.goal.checks ?? [],
        today.toJSDate(),
      );
      points = replayBurnUp({
        entityRefs: refs,
        context: this.context(campaign),
        history,
        from: start,
        // Yesterday's last instant: each day's figures are as at its end.
        to: new Date(today.toMillis() - 1),
      });
    }
    await store.replaceDays(campaign.id, points);
    if (hasStarted(campaign, now)) {
      const figures = (await store.getFigures([campaign.id])).get(campaign.id);
      await store.recordDay(
        campaign.id,
        dayPoint(utcDay(now), figures ?? NO_FIGURES),
      );
    }
  }

  /**
   * What a launch or an edit sets off, in the background of the request:
   * the progress computed, and the burn-up replayed when its basis (goal,
   * scope or start) is new. A failure is logged; the schedule tries again.
   */
  async track(
    campaign: StoredCampaign,
    options: { rebaseline: boolean },
  ): Promise<void> {
    try {
      const refs = await this.recompute(campaign);
      if (options.rebaseline && refs) await this.rebaseline(campaign, refs);
    } catch (error) {
      this.options.logger.warn(
        `OpsReady could not compute the progress of campaign ${campaign.id}; the next refresh tries again: ${error}`,
      );
    }
  }

  /**
   * Judges a batch of entities just evaluated in every campaign not ended
   * whose progress was computed once (the others wait for their first
   * whole computation): an entity in scope gets its row, one no longer in
   * scope loses it.
   */
  readonly onEvaluated: EvaluationListener = async batch => {
    if (batch.length === 0) return;
    const now = this.now();
    for (const campaign of await allCampaigns(this.options.store, [
      'active',
      'paused',
    ])) {
      if (!campaign.computedAt) continue;
      try {
        await this.rejudge(campaign, batch, now);
      } catch (error) {
        this.options.logger.warn(
          `OpsReady could not update campaign ${campaign.id} with ${batch.length} evaluations; the next refresh does: ${error}`,
        );
      }
    }
  };

  private async rejudge(
    campaign: StoredCampaign,
    batch: EvaluatedEntity[],
    now: Date,
  ): Promise<void> {
    const { store } = this.options;
    const context = this.context(campaign);
    const rows: CampaignEntityRow[] = [];
    const removed: string[] = [];
    for (const { entity, evaluation, exemptCheckIds } of batch) {
      if (matchesScope(entity, campaign.scope)) {
        rows.push(
          judgeEntity(context, entity, evaluation, exemptCheckIds, now),
        );
      } else {
        removed.push(normalizeEntityRef(entity));
      }
    }
    await store.upsertEntities(campaign.id, rows, removed);
    const figures = (await store.getFigures([campaign.id])).get(campaign.id);
    await this.settle(campaign, figures ?? NO_FIGURES, now, false);
  }

  /** The refs of the entities in scope, or undefined for an ended campaign. */
  private async recompute(
    campaign: StoredCampaign,
  ): Promise<string[] | undefined> {
    if (campaign.state === 'ended') return undefined;
    const { store, evaluations, exemptions } = this.options;
    const now = this.now();
    const context = this.context(campaign);
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const rows: CampaignEntityRow[] = [];
    for await (const page of scopeEntities(
      this.options.catalog,
      campaign.scope,
      credentials,
    )) {
      const refs = page.map(entity => normalizeEntityRef(entity));
      // Two reads a page, never one per entity.
      const [latest, exempt] = await Promise.all([
        evaluations.getEvaluations(refs),
        exemptions.activeExemptionsOf(refs, now),
      ]);
      page.forEach((entity, index) => {
        const ref = refs[index];
        const exemptCheckIds = new Set(
          (exempt.get(ref) ?? []).map(e => e.checkId),
        );
        rows.push(
          judgeEntity(context, entity, latest.get(ref), exemptCheckIds, now),
        );
      });
    }
    await store.replaceEntities(campaign.id, rows);
    // Launched before completed, for a campaign done from its start.
    await this.tellLaunch(campaign, now);
    await this.settle(campaign, figuresOf(rows), now, true);
    return rows.map(row => row.entityRef);
  }

  /**
   * Records the day's point once the campaign has started, marks the
   * progress computed (a whole computation) and completes the campaign the
   * first time nothing is left.
   */
  private async settle(
    campaign: StoredCampaign,
    figures: CampaignFigures,
    now: Date,
    wholeComputation: boolean,
  ): Promise<void> {
    const { store } = this.options;
    if (hasStarted(campaign, now)) {
      await store.recordDay(campaign.id, dayPoint(utcDay(now), figures));
    }
    const completes = completesNow(campaign, figures, now);
    if (wholeComputation || completes) {
      await store.markComputed(campaign.id, now, completes ? now : undefined);
    }
    if (completes) await this.tellCompletion(campaign.id, now);
  }

  private async tellCompletion(campaignId: string, now: Date): Promise<void> {
    const { store, publisher, logger } = this.options;
    const current = await store.getCampaign(campaignId);
    if (current) {
      await store.updateCampaign(current, {
        action: 'completed',
        by: CAMPAIGN_TRACKER_AUTHOR,
        at: now.toISOString(),
        changes: {},
      });
    }
    await publishSafely(
      publisher,
      [{ type: 'campaign.completed', campaignId, at: now.toISOString() }],
      logger,
    );
  }

  /**
   * Tells the launch of a running campaign the first time a refresh sees
   * it started (at once for a start already past). A paused campaign is
   * told when it resumes.
   */
  private async tellLaunch(campaign: StoredCampaign, now: Date) {
    const { launches, publisher, logger } = this.options;
    if (campaign.state !== 'active' || !hasStarted(campaign, now)) return;
    if (await launches.isLaunched(campaign.id)) return;
    await publishSafely(
      publisher,
      [
        {
          type: 'campaign.launched',
          campaignId: campaign.id,
          at: now.toISOString(),
        },
      ],
      logger,
    );
    await launches.markLaunched(campaign.id, now);
  }

  private context(campaign: StoredCampaign) {
    return goalContext(campaign, this.options.checks(), this.options.levels);
  }

  private async scopeRefs(campaign: StoredCampaign): Promise<string[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const refs: string[] = [];
    for await (const page of scopeEntities(
      this.options.catalog,
      campaign.scope,
      credentials,
    )) {
      refs.push(...page.map(entity => normalizeEntityRef(entity)));
    }
    return refs;
  }
}
