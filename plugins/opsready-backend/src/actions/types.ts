import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type {
  ApiResponse,
  EntityEvaluation,
  SloStatus,
} from '@opsready/plugin-opsready-common';
import type { CampaignReads } from '../campaigns/types';
import type { Rollup } from '../rollups/types';

/** What `GET /gate` answers: the verdict and what stands in its way. */
export type GateAnswer = ApiResponse<'/gate'>;

/** What the OpsReady actions read, each as the API reads it. */
export interface OpsReadyActionsDeps {
  actionsRegistry: ActionsRegistryService;
  /** Campaigns need no permission to read. */
  campaigns: CampaignReads;
  /**
   * The entity's latest evaluation, read as the caller may see the entity:
   * a NotFoundError when they may not, as the API answers 404.
   */
  compliance: (
    entityRef: string,
    credentials: BackstageCredentials,
  ) => Promise<EntityEvaluation>;
  /**
   * The gate's verdict, as `GET /gate` gives it, for the caller; an
   * InputError for a level that does not exist.
   */
  gate: (
    input: {
      entityRef: string;
      minLevel: string;
      /** A scorecard id; the first scorecard when left out. */
      scorecard?: string;
      requireErrorBudget?: boolean;
    },
    credentials: BackstageCredentials,
  ) => Promise<GateAnswer>;
  /**
   * The entity's service level as last measured, read as the caller may
   * see the entity (a NotFoundError when they may not).
   */
  serviceLevel: (
    entityRef: string,
    credentials: BackstageCredentials,
  ) => Promise<SloStatus>;
  /**
   * The roll-up of a group, system or domain, as `GET
   * /entities/{kind}/{namespace}/{name}/rollup` gives it to the caller: a
   * NotFoundError when they may not see it, an InputError for another kind
   * or an unknown scorecard.
   */
  rollup: (
    target: { kind: string; namespace: string; name: string },
    scorecard: string | undefined,
    credentials: BackstageCredentials,
  ) => Promise<Rollup>;
}
