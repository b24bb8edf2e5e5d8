/*
 * Compile-time checks that the types written by hand in this package are
 * valid requests and answers of the spec: when openapi.yaml changes in a way
 * they do not follow, `tsc` fails here. Not exported from the package.
 */
import type { ApiResponse, EntityHealth, OwnerDora, Page } from './api';
import type {
  Deployment,
  DeploymentInput,
  DoraFigures,
  EnvironmentVersion,
  ServiceError,
  ServiceErrorInput,
  TimelineEvent,
} from './events';
import type { FleetEntity, FleetOverview } from './fleet';
import type { NotificationRecord } from './notifications';
import type { components } from './generated/openapi';
import type { EntityEvaluation, Exemption } from './types';

type Schemas = components['schemas'];
type Conforms<Hand extends Spec, Spec> = [Hand, Spec];
type Entity = '/entities/{kind}/{namespace}/{name}';

/** @internal */
export type HandWrittenTypesConformToSpec = [
  Conforms<DeploymentInput, Schemas['DeploymentInput']>,
  Conforms<ServiceErrorInput, Schemas['ServiceErrorInput']>,
  Conforms<Deployment, Schemas['Deployment']>,
  Conforms<ServiceError, Schemas['ServiceError']>,
  Conforms<TimelineEvent, Schemas['TimelineEvent']>,
  Conforms<DoraFigures, Schemas['DoraFigures']>,
  Conforms<Exemption, Schemas['Exemption']>,
  Conforms<EntityEvaluation, Schemas['EntityEvaluation']>,
  Conforms<EntityEvaluation, ApiResponse<`${Entity}/checks`>>,
  Conforms<Page<Deployment>, ApiResponse<`${Entity}/deployments`>>,
  Conforms<
    { items: EnvironmentVersion[] },
    ApiResponse<`${Entity}/environments`>
  >,
  Conforms<EntityHealth, ApiResponse<`${Entity}/health`>>,
  Conforms<DoraFigures, ApiResponse<`${Entity}/dora`>>,
  Conforms<OwnerDora, ApiResponse<'/dora'>>,
  // The spec does not yet allow a null `kind` on a fleet row, which the
  // backend sends for a score stored without one; checked without it.
  Conforms<
    Omit<FleetOverview, 'items'> & { items: Omit<FleetEntity, 'kind'>[] },
    ApiResponse<'/fleet'>
  >,
  Conforms<
    Page<TimelineEvent> & { from: string; to: string },
    ApiResponse<`${Entity}/timeline`>
  >,
  Conforms<Page<NotificationRecord>, ApiResponse<`${Entity}/notifications`>>,
];
