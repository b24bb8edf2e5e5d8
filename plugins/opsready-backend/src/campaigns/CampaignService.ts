import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CampaignChange,
  CampaignPreview,
  CampaignSaved,
  normalizeEntityRef,
} from '@opsready/plugin-opsready-common';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  CampaignInputValues,
  CampaignPatchValues,
  checkPatch,
} from './campaignInput';
import { campaignOr404 } from './campaignSummaries';
import { CampaignReadService } from './CampaignReadService';
import { scopeEntities } from './scope';
import { CampaignsStore, StoredCampaign } from './types';

export const EMPTY_SCOPE_WARNING = 'The scope matches no entity';

/** Entity refs a preview shows of the scope. */
const SAMPLE_SIZE = 10;

/** The fields an edit may change, in the order a history lists them. */
const EDITABLE = [
  'name',
  'description',
  'rationale',
  'goal',
  'scope',
  'startsAt',
  'deadline',
  'owner',
  'enforce',
] as const;

/** A change of state, as its history entry names it. */
const STATE_ACTIONS = {
  paused: 'paused',
  active: 'resumed',
  ended: 'ended',
} as const;

export interface CampaignServiceOptions {
  store: CampaignsStore;
  catalog: Pick<CatalogService, 'streamEntities'>;
  /**
   * Computes a saved campaign's progress (and its burn-up again when its
   * basis changed); started after the answer, never awaited by it.
   */
  track(
    campaign: StoredCampaign,
    options: { rebaseline: boolean },
  ): Promise<void>;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * Campaigns: their reads, a preview of what a campaign would cover, and
 * the launch and edits, each kept in its history. Who may do what is the
 * authorizing service's.
 */
export class CampaignService extends CampaignReadService {
  constructor(private readonly options: CampaignServiceOptions) {
    super(options);
  }

  /** How many entities the scope matches now (as the caller sees them), and some of them. */
  async preview(
    input: Pick<CampaignInputValues, 'scope'>,
    credentials: BackstageCredentials,
  ): Promise<CampaignPreview> {
    let matching = 0;
    const sample: string[] = [];
    for await (const page of scopeEntities(
      this.options.catalog,
      input.scope,
      credentials,
    )) {
      matching += page.length;
      for (const entity of page.slice(0, SAMPLE_SIZE - sample.length)) {
        sample.push(normalizeEntityRef(entity));
      }
    }
    return { matching, sample, warnings: warningsFor(matching) };
  }

  /**
   * Launches a campaign. Its scope is counted for the answer; rows,
   * burn-up and figures follow in the background (`computedAt` says when).
   */
  async create(
    input: CampaignInputValues,
    by: string,
    credentials: BackstageCredentials,
  ): Promise<CampaignSaved> {
    const { matching } = await this.preview(input, credentials);
    const at = this.now().toISOString();
    const campaign: StoredCampaign = {
      id: randomUUID(),
      name: input.name,
      description: input.description,
      rationale: input.rationale,
      goal: input.goal,
      scope: input.scope,
      startsAt: input.startsAt.toISOString(),
      deadline: input.deadline.toISOString(),
      owner: input.owner,
      enforce: input.enforce,
      state: 'active',
      createdBy: by,
      createdAt: at,
      updatedAt: at,
    };
    await this.options.store.createCampaign(campaign, {
      action: 'launched',
      by,
      at,
      changes: {},
    });
    this.inBackground(campaign, true);
    return {
      // Nothing is judged yet: every entity counts as open until it is.
      campaign: await this.summaryOf(campaign, {
        total: matching,
        done: 0,
        exempt: 0,
        open: matching,
      }),
      warnings: warningsFor(matching),
    };
  }

  /**
   * Edits a campaign, or pauses, resumes or ends it. Each field that
   * changes is kept in the history entry with what it was; an edit that
   * changes nothing is no entry. A new goal, scope or start computes the
   * progress and replays the burn-up again.
   */
  async update(
    id: string,
    patch: CampaignPatchValues,
    by: string,
    credentials: BackstageCredentials,
  ): Promise<CampaignSaved> {
    const { store } = this.options;
    const current = await campaignOr404(store, id);
    checkPatch(current, patch);
    const at = this.now().toISOString();
    const next: StoredCampaign = { ...current };
    const changes: CampaignChange['changes'] = {};
    for (const field of EDITABLE) {
      const value = patch[field];
      if (value === undefined) continue;
      const to = value instanceof Date ? value.toISOString() : value;
      if (!isDeepStrictEqual(current[field], to)) {
        changes[field] = { from: current[field], to };
        (next as Record<string, unknown>)[field] = to;
      }
    }
    if (patch.state && patch.state !== current.state) {
      changes.state = { from: current.state, to: patch.state };
      next.state = patch.state;
      if (patch.state === 'ended') next.endedAt = at;
    }
    if (Object.keys(changes).length === 0) {
      return { campaign: await this.summaryOf(current), warnings: [] };
    }
    const rebaseline = ['goal', 'scope', 'startsAt'].some(f => f in changes);
    if ('goal' in changes || 'scope' in changes) {
      // Complete again once the new goal is met by the new scope.
      delete next.completedAt;
    }
    next.updatedAt = at;
    await store.updateCampaign(next, {
      action: patch.state ? STATE_ACTIONS[patch.state] : 'edited',
      by,
      at,
      changes,
      ...(patch.note ? { note: patch.note } : {}),
    });
    const warnings =
      'scope' in changes
        ? (await this.preview(next, credentials)).warnings
        : [];
    if (rebaseline || changes.state?.to === 'active') {
      this.inBackground(next, rebaseline);
    }
    return { campaign: await this.summaryOf(next), warnings };
  }

  private inBackground(campaign: StoredCampaign, rebaseline: boolean) {
    // The tracker logs its own failures; this only keeps a rejection
    // from going unhandled.
    this.options
      .track(campaign, { rebaseline })
      .catch(error =>
        this.options.logger.warn(
          `OpsReady could not compute the progress of campaign ${campaign.id}: ${error}`,
        ),
      );
  }
}

function warningsFor(matching: number): string[] {
  return matching === 0 ? [EMPTY_SCOPE_WARNING] : [];
}
