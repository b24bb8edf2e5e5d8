/*
 * The shapes of the REST API's requests and answers that callers name,
 * derived from the types generated from openapi.yaml. Where the spec is
 * looser than what the backend promises (optional fields it always sends,
 * untyped objects), the type is written out here and checked against the
 * spec below, so it cannot drift from it.
 */
import type { DoraFigures } from './events';
import type { components, paths } from './generated/openapi';

type Schemas = components['schemas'];
type Json<T> = T extends { content: { 'application/json': infer B } }
  ? B
  : never;
type OkJson<R> = R extends { 200: infer A }
  ? Json<A>
  : R extends { 201: infer A }
  ? Json<A>
  : never;

/**
 * The JSON answer of a route's success response.
 *
 * @public
 */
export type ApiResponse<
  P extends keyof paths,
  M extends 'get' | 'post' | 'patch' = 'get',
> = paths[P][M] extends { responses: infer R } ? OkJson<R> : never;

/**
 * The query parameters of a route.
 *
 * @public
 */
export type ApiQuery<P extends keyof paths> = paths[P]['get'] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

/**
 * The JSON body a route takes.
 *
 * @public
 */
export type ApiRequestBody<
  P extends keyof paths,
  M extends 'post' | 'patch' = 'post',
> = paths[P][M] extends { requestBody?: infer B }
  ? Json<NonNullable<B>>
  : never;

type DeploymentsQuery =
  ApiQuery<'/entities/{kind}/{namespace}/{name}/deployments'>;
type ErrorsQuery = ApiQuery<'/entities/{kind}/{namespace}/{name}/errors'>;

/**
 * One page of a list the backend pages on the server.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
}

/** @public */
export type PageRequest = Pick<DeploymentsQuery, 'cursor' | 'limit'>;

/**
 * A range of time; ISO 8601 bounds.
 *
 * @public
 */
export type TimeRange = Pick<DeploymentsQuery, 'from' | 'to'>;

/** @public */
export type DeploymentFilter = Omit<DeploymentsQuery, 'cursor' | 'limit'>;

/**
 * Which errors to list; grouped by fingerprint (the default) or every event.
 *
 * @public
 */
export type ErrorFilter = Omit<ErrorsQuery, 'cursor' | 'limit'>;

/**
 * A score as it was at one moment.
 *
 * @public
 */
export type ScorePoint =
  ApiResponse<'/entities/{kind}/{namespace}/{name}/score-history'>['items'][number];

/**
 * Error events per hour (UTC) and severity over a range, as the backend
 * counts them, and the environments they came from.
 *
 * @public
 */
export type ErrorSeries =
  ApiResponse<'/entities/{kind}/{namespace}/{name}/errors/series'>;

/** @public */
export type NewExemption =
  ApiRequestBody<'/entities/{kind}/{namespace}/{name}/exemption-requests'>;

/** @public */
export type ExemptionDecision = ApiRequestBody<'/exemptions/{id}/decision'>;

/** @public */
export type EntityExemption = Schemas['Exemption'] & { active: boolean };

/**
 * A maintenance window of an entity, or of a System for its entities.
 *
 * @public
 */
export type MaintenanceWindow = Schemas['MaintenanceWindow'];

/**
 * A maintenance window as listed for an entity: whether it is in force, and
 * its occurrence in force or next.
 *
 * @public
 */
export type ListedMaintenanceWindow = Schemas['ListedMaintenanceWindow'];

/**
 * What declaring a maintenance window takes.
 *
 * @public
 */
export type NewMaintenanceWindow = Schemas['MaintenanceWindowInput'];

/**
 * The health series of an entity for charts, and its maintenance in the
 * range.
 *
 * @public
 */
export type HealthHistory =
  ApiResponse<'/entities/{kind}/{namespace}/{name}/health/history'>;

/** @public */
export type HealthStatus = 'up' | 'down' | 'unknown';

/**
 * Figures of a health endpoint over a window.
 *
 * @public
 */
export interface HealthFigures {
  probes: number;
  /** Probes that got an HTTP answer; the latency percentiles are theirs alone. */
  answered?: number;
  /** Probes refused by the prober's policy before connecting. */
  refused?: number;
  /** Probes whose connection failed or was dropped before an answer. */
  failedToConnect?: number;
  /** Probes with no complete answer within the timeout. */
  timedOut?: number;
  /** 0-1, outside maintenance; null without such probes. */
  uptime: number | null;
  /** Probes in hours that overlapped a maintenance window: left out of uptime. */
  maintenanceProbes?: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** @public */
export interface HealthEndpointState {
  environment: string;
  url: string;
  status: HealthStatus;
  since: string | null;
  flapping: boolean;
  windows: Partial<Record<'24h' | '7d' | '30d', HealthFigures>>;
  lastTransitions: Array<{
    from: string;
    to: string;
    at: string;
    reason?: string;
  }>;
}

/** @public */
export interface EntityHealth {
  entityRef: string;
  endpoints: HealthEndpointState[];
  declared: Array<{ environment: string; url: string }>;
  /** Mistakes in the entity's health annotations. */
  problems: string[];
}

/** @public */
export type OwnerDora = DoraFigures & {
  owner: string;
  entities: Array<DoraFigures & { entityRef: string; title?: string }>;
};

/**
 * An entity's service level: its objectives, SLIs now, error budget,
 * burn-rate alerts, and the burn rate over time beside its deployments.
 *
 * @public
 */
export type SloStatus = Schemas['SloStatus'];

/**
 * A service burning its error budget, for the fleet's "burning fastest".
 *
 * @public
 */
export type SloBurning = Schemas['SloBurning'];
