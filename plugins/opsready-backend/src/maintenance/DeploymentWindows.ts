import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import { MaintenanceConfig } from '../config/readMaintenanceConfig';
import { MaintenanceWindowsStore } from '../database/MaintenanceWindowsStore';
import { truncate } from '../lib/boundedText';
import { domainEventsOf } from '../notifications/publisher';
import { DomainEvent, OPSREADY_EVENTS_TOPIC } from '../notifications/types';
import { MAX_REASON_LENGTH } from '../service/maintenanceValidation';

/** Replicas share the subscription: each event reaches one of them. */
export const DEPLOYMENT_WINDOWS_SUBSCRIBER = 'opsready-maintenance';

/** Who the windows deployments open are recorded as made by. */
export const DEPLOYMENT_WINDOWS_AUTHOR = 'plugin:opsready';

type Started = Extract<DomainEvent, { type: 'deployment.started' }>;
type Finished = Extract<DomainEvent, { type: 'deployment.finished' }>;

const fields = (payload: object, names: string[]) =>
  names.every(
    name =>
      typeof (payload as Record<string, unknown>)[name] === 'string' &&
      (payload as Record<string, string>)[name] !== '',
  );

/** The deployment events this listens to, with what each must carry. */
function deploymentEvent(payload: unknown): Started | Finished | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const common = ['entityRef', 'environment', 'deploymentId', 'at'];
  const { type } = payload as { type?: unknown };
  if (
    type === 'deployment.started' &&
    fields(payload, [...common, 'version'])
  ) {
    return payload as Started;
  }
  if (type === 'deployment.finished' && fields(payload, common)) {
    return payload as Finished;
  }
  return undefined;
}

/**
 * Opens a short maintenance window for the entity and environment of each
 * deployment that starts, so that the outage a rollout may cause does not
 * page anyone nor count against uptime, and ends it when the deployment
 * finishes. Off unless `opsready.maintenance.deploymentWindow.enabled`.
 */
export class DeploymentWindows {
  constructor(
    private readonly deps: {
      events: EventsService;
      store: Pick<
        MaintenanceWindowsStore,
        'createWindow' | 'deploymentWindow' | 'endDeploymentWindows'
      >;
      config: MaintenanceConfig['deploymentWindow'];
      logger: LoggerService;
    },
  ) {}

  async start(): Promise<void> {
    if (!this.deps.config.enabled) return;
    await this.deps.events.subscribe({
      id: DEPLOYMENT_WINDOWS_SUBSCRIBER,
      topics: [OPSREADY_EVENTS_TOPIC],
      onEvent: async ({ eventPayload }) => {
        for (const published of domainEventsOf(eventPayload)) {
          const event = deploymentEvent(published);
          if (!event) continue;
          try {
            await this.handle(event);
          } catch (error) {
            // One event's failure must not stop the others reaching us.
            this.deps.logger.warn(
              `Could not update the maintenance window of deployment ${event.deploymentId}: ${error}`,
            );
          }
        }
      },
    });
  }

  private async handle(event: Started | Finished): Promise<void> {
    const at = new Date(event.at);
    if (Number.isNaN(at.getTime())) {
      this.deps.logger.warn(
        `Deployment ${event.deploymentId}: ${event.type} has no valid time; no maintenance window changed`,
      );
      return;
    }
    if (event.type === 'deployment.finished') {
      await this.deps.store.endDeploymentWindows(event.deploymentId, at);
      return;
    }
    const targetRef = normalizeEntityRef(event.entityRef);
    // A redelivered start opens no second window.
    if (await this.deps.store.deploymentWindow(targetRef, event.deploymentId)) {
      return;
    }
    await this.deps.store.createWindow({
      targetRef,
      environment: event.environment,
      startsAt: at,
      endsAt: new Date(at.getTime() + this.deps.config.durationMs),
      reason: truncate(
        `Deployment ${event.version} in progress`,
        MAX_REASON_LENGTH,
      ),
      createdBy: DEPLOYMENT_WINDOWS_AUTHOR,
      source: 'deployment',
      deploymentId: event.deploymentId,
    });
  }
}
