import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import type { HealthStore } from '../../database/HealthStore';
import {
  endpointKey,
  HealthIncident,
  HealthIncidentsStore,
  IncidentMember,
} from '../../database/HealthIncidentsStore';
import type { EntityDirectory } from '../EntityDirectory';
import type { DomainEvent, Notice } from '../types';
import { DependencyGraph } from './DependencyGraph';
import { incidentNotices, recoveryNotices } from './incidentNotices';
import { findRootCause } from './rootCause';

export type HealthChanged = Extract<DomainEvent, { type: 'health.changed' }>;

export interface HealthAlertsDeps {
  incidents: HealthIncidentsStore;
  endpoints: Pick<HealthStore, 'getEndpointsByKey'>;
  directory: Pick<EntityDirectory, 'getMany'>;
  /** The severity of an outage in an environment. */
  severityOf(environment: string): NotificationSeverity;
}

const keyOf = (e: { entityRef: string; environment: string }) =>
  endpointKey(e.entityRef, e.environment);

/** Each endpoint's last change of the batch, in the batch's order. */
function lastPerEndpoint(events: HealthChanged[]): HealthChanged[] {
  const last = new Map<string, HealthChanged>();
  for (const event of events) {
    last.delete(keyOf(event));
    last.set(keyOf(event), event);
  }
  return [...last.values()];
}

/**
 * Turns health changes into notices, grouped by root cause: endpoints down
 * because a dependency in their `dependsOn` is down join that dependency's
 * incident, and their owners hear of it once, in its notification ("cart
 * down — redis-cart down since 10:02"), instead of once per endpoint.
 *
 * Every notice of an incident has the incident's scope, so the way back up
 * and the next outage of a flapping endpoint update the notification each
 * recipient already has instead of adding one.
 */
export class HealthAlerts {
  constructor(private readonly deps: HealthAlertsDeps) {}

  async handle(events: HealthChanged[]): Promise<Notice[]> {
    const latest = lastPerEndpoint(events);
    const { incidents } = this.deps;
    const current = await incidents.openIncidentsOf(latest);
    const notices: Notice[] = [];

    // Back up: a root cause's recovery resolves its incident; a dependant
    // recovering while its root cause is still down leaves it quietly.
    const resolved = new Map<string, HealthIncident>();
    const recoveries: Array<[HealthIncident, HealthChanged]> = [];
    const quietlyUp: HealthChanged[] = [];
    const upKeys = new Set<string>();
    for (const up of latest.filter(e => e.to === 'up')) {
      upKeys.add(keyOf(up));
      const incident = current.get(keyOf(up));
      if (!incident) continue;
      const isRoot =
        incident.rootRef === up.entityRef &&
        incident.environment === up.environment;
      if (isRoot) {
        resolved.set(incident.id, incident);
        recoveries.push([incident, up]);
      } else {
        quietlyUp.push(up);
      }
    }
    await incidents.resolveMany(
      recoveries.map(([incident, up]) => ({
        incidentId: incident.id,
        at: new Date(up.at),
      })),
    );
    // Everyone's owners in one read: the directory's minute has passed
    // since the outage began, and each notice would ask the catalog again.
    await this.deps.directory.getMany(
      recoveries.flatMap(([incident]) => [
        incident.rootRef,
        ...incident.members.map(m => m.entityRef),
      ]),
    );
    for (const [incident, up] of recoveries) {
      notices.push(
        ...(await recoveryNotices(incident, up, this.deps.directory)),
      );
    }
    await incidents.removeMembers(quietlyUp);

    // Down: new outages, and the members of a resolved incident that are
    // still down, which now have a cause of their own.
    const stillDown: IncidentMember[] = [...resolved.values()].flatMap(i =>
      i.members.filter(
        m =>
          !upKeys.has(keyOf(m)) &&
          !(m.entityRef === i.rootRef && m.environment === i.environment),
      ),
    );
    const flapping = new Set<string>();
    const newlyDown: IncidentMember[] = latest
      .filter(e => e.to === 'down')
      .filter(e => {
        const incident = current.get(keyOf(e));
        return !incident || resolved.has(incident.id);
      })
      .map(e => {
        if (e.flapping) flapping.add(keyOf(e));
        return {
          entityRef: e.entityRef,
          environment: e.environment,
          url: e.url,
          downSince: e.at,
        };
      });
    const down = [...stillDown, ...newlyDown];
    if (down.length === 0) return notices;
    notices.push(...(await this.openOrJoin(down, flapping)));
    return notices;
  }

  /** Puts each endpoint down into its root cause's incident. */
  private async openOrJoin(
    down: IncidentMember[],
    flapping: Set<string>,
  ): Promise<Notice[]> {
    const { incidents, directory, endpoints } = this.deps;
    const graph = await DependencyGraph.load(down, directory, endpoints);
    const groups = new Map<
      string,
      { rootRef: string; environment: string; members: IncidentMember[] }
    >();
    for (const member of down) {
      const rootRef = findRootCause(member.entityRef, {
        dependsOn: ref => graph.dependsOn(ref),
        isDown: ref =>
          ref === member.entityRef || graph.isDown(ref, member.environment),
      });
      const key = endpointKey(rootRef, member.environment);
      const group = groups.get(key) ?? {
        rootRef,
        environment: member.environment,
        members: [],
      };
      group.members.push(member);
      groups.set(key, group);
    }

    const existing = await incidents.openIncidentsByRoot([...groups.values()]);
    const notices: Notice[] = [];
    const openings: Array<Parameters<HealthIncidentsStore['openMany']>[0][0]> =
      [];
    for (const [key, group] of groups) {
      let incident = existing.get(key);
      const joined = group.members;
      if (incident) {
        await incidents.addMembers(incident.id, joined);
        const before = incident.members;
        incident = { ...incident, members: [...before, ...joined] };
        notices.push(
          ...(await incidentNotices(incident, {
            directory,
            severity: this.deps.severityOf(group.environment),
            joined,
            alreadyIn: before,
            flapping,
          })),
        );
        continue;
      }
      const members = [...joined];
      if (!members.some(m => m.entityRef === group.rootRef)) {
        // The root cause went down before, without an incident of its own
        // (e.g. its outage was held, or began before notifications were on).
        const rootEndpoint = graph.endpoint(group.rootRef, group.environment);
        if (rootEndpoint) members.unshift(rootEndpoint);
      }
      openings.push({
        rootRef: group.rootRef,
        environment: group.environment,
        openedAt: new Date(
          Math.min(...members.map(m => Date.parse(m.downSince))),
        ),
        members,
      });
    }
    // New root causes are opened in one transaction: a fleet down on its
    // own (the prober cut off, say) is thousands of them, and opening each
    // in its own took 37 s for 10,000.
    for (const incident of await incidents.openMany(openings)) {
      notices.push(
        ...(await incidentNotices(incident, {
          directory,
          severity: this.deps.severityOf(incident.environment),
          joined: incident.members,
          alreadyIn: [],
          flapping,
        })),
      );
    }
    return notices;
  }
}
