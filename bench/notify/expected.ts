/*
 * What the owners should be told, worked out from the fleet alone (not from
 * the notifier), and the checks of what was sent against it.
 */
import { incidentScope } from '../../plugins/opsready-backend/src/notifications/health/incidentNotices';
import type { Fleet } from './fleet';
import type { InboxItem } from './notificationsBackend';
import type { Send } from './notifier';

export type Scenario = 'shared' | 'independent';

/** One root cause down in one environment, and whom it concerns. */
export interface ExpectedIncident {
  scope: string;
  /** Endpoints down in it, its root's own among them. */
  endpoints: number;
  /** Each owner to tell, with the names its notice must list. */
  told: Map<string, string[]>;
}

/**
 * `shared`: each shared dependency down in each environment is one root
 * cause; its owners are told of it with its name, and each owner of a
 * dependant once, naming its dependants. `independent`: every component
 * endpoint is its own root cause, told to its owners.
 */
export function expectedIncidents(
  fleet: Fleet,
  environments: string[],
  scenario: Scenario,
): ExpectedIncident[] {
  const out: ExpectedIncident[] = [];
  for (const environment of environments) {
    if (scenario === 'independent') {
      for (const ref of fleet.components) {
        out.push({
          scope: incidentScope(ref, environment),
          endpoints: 1,
          told: new Map(
            fleet.ownersOf.get(ref)!.map(o => [o, [fleet.nameOf(ref)]]),
          ),
        });
      }
      continue;
    }
    for (const root of fleet.sharedDependencies) {
      const told = new Map<string, string[]>();
      const rootOwners = fleet.ownersOf.get(root)!;
      rootOwners.forEach(o => told.set(o, [fleet.nameOf(root)]));
      const dependants = fleet.components.filter(
        c => fleet.dependencyOf.get(c) === root,
      );
      for (const ref of dependants) {
        for (const owner of fleet.ownersOf.get(ref)!) {
          // The root's owners hear of it in the root's notification.
          if (rootOwners.includes(owner)) continue;
          told.set(owner, [...(told.get(owner) ?? []), fleet.nameOf(ref)]);
        }
      }
      out.push({
        scope: incidentScope(root, environment),
        endpoints: dependants.length + 1,
        told,
      });
    }
  }
  return out;
}

/** The most notifications folding allows: each incident's owners, once. */
export const boundOf = (incidents: ExpectedIncident[]) =>
  incidents.reduce((sum, i) => sum + i.told.size, 0);

/** The sends of an outage against what should have been told. */
export function checkOutage(sends: Send[], incidents: ExpectedIncident[]) {
  const byScope = new Map(incidents.map(i => [i.scope, i]));
  const heard = new Map<string, number>();
  let unexpected = 0;
  /** Notices naming none of the recipient's entities down in the incident. */
  let namingNone = 0;
  /** Notices naming some of them: the rest went down after it was sent. */
  let namingSome = 0;
  for (const send of sends) {
    const incident = byScope.get(send.scope);
    for (const recipient of send.recipients) {
      const key = `${recipient}|${send.scope}`;
      heard.set(key, (heard.get(key) ?? 0) + 1);
      const names = incident?.told.get(recipient);
      if (!names) {
        unexpected += 1;
        continue;
      }
      const named = names.filter(n => send.title.includes(n)).length;
      if (named === 0) namingNone += 1;
      else if (named < names.length) namingSome += 1;
    }
  }
  let missing = 0;
  for (const incident of incidents) {
    for (const owner of incident.told.keys()) {
      if (!heard.has(`${owner}|${incident.scope}`)) missing += 1;
    }
  }
  return {
    sends: sends.length,
    /** Recipient refs over all sends. */
    recipients: [...heard.values()].reduce((a, b) => a + b, 0),
    pairs: heard.size,
    /** (recipient, incident) pairs told more than once. */
    repeated: [...heard.values()].filter(n => n > 1).length,
    unexpected,
    missing,
    namingNone,
    namingSome,
    bound: boundOf(incidents),
  };
}

/** The sends of the recovery: one per incident, to everyone told of it. */
export function checkRecovery(sends: Send[], incidents: ExpectedIncident[]) {
  const byScope = new Map<string, Send[]>();
  for (const send of sends) {
    byScope.set(send.scope, [...(byScope.get(send.scope) ?? []), send]);
  }
  let wrong = 0;
  for (const incident of incidents) {
    const ofScope = byScope.get(incident.scope) ?? [];
    const to = new Set(ofScope.flatMap(s => s.recipients));
    const right =
      ofScope.length === 1 &&
      ofScope[0].title.includes('back up') &&
      to.size === incident.told.size &&
      [...incident.told.keys()].every(o => to.has(o));
    if (!right) wrong += 1;
  }
  return {
    sends: sends.length,
    recipients: sends.reduce((n, s) => n + s.recipients.length, 0),
    incidents: incidents.length,
    wrong,
  };
}

/**
 * What users have in the notifications backend: every member of every
 * group told of an incident has exactly one notification of its scope
 * (its title saying `back up` after the recovery), and nothing else.
 */
export async function checkInboxes(options: {
  fleet: Fleet;
  incidents: ExpectedIncident[];
  inbox(userRef: string): Promise<InboxItem[]>;
  recovered: boolean;
}) {
  const { fleet, incidents } = options;
  const scopesOf = new Map<string, Set<string>>();
  for (const incident of incidents) {
    for (const group of incident.told.keys()) {
      for (const user of fleet.membersOf.get(group) ?? []) {
        const scopes = scopesOf.get(user) ?? new Set<string>();
        scopes.add(incident.scope);
        scopesOf.set(user, scopes);
      }
    }
  }
  let rows = 0;
  let usersWrong = 0;
  for (const [user, scopes] of scopesOf) {
    const items = await options.inbox(user);
    rows += items.length;
    const counts = new Map<string, number>();
    items.forEach(i => counts.set(i.scope, (counts.get(i.scope) ?? 0) + 1));
    const right =
      items.length === scopes.size &&
      [...scopes].every(s => counts.get(s) === 1) &&
      (!options.recovered || items.every(i => i.title.includes('back up')));
    if (!right) usersWrong += 1;
  }
  const expectedRows = [...scopesOf.values()].reduce((n, s) => n + s.size, 0);
  return { users: scopesOf.size, rows, expectedRows, usersWrong };
}
