import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import type {
  HealthIncident,
  IncidentMember,
} from '../../database/HealthIncidentsStore';
import { endpointKey } from '../../database/HealthIncidentsStore';
import type { EntityDirectory, EntitySummary } from '../EntityDirectory';
import { entityTabPath } from '../links';
import type { Notice } from '../types';
import { clockTime, listNames } from '../wording';

/** The scope every notice of an incident shares, so later ones update it. */
export const incidentScope = (rootRef: string, environment: string) =>
  `opsready:health:${rootRef}:${environment}`;

function minutesBetween(from: string, to: string): string {
  const minutes = Math.max(
    1,
    Math.round((Date.parse(to) - Date.parse(from)) / 60_000),
  );
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** What the root cause's owners read: down, down with dependants, or flapping. */
function rootTitle(
  rootName: string,
  environment: string,
  news: { flapping: boolean; dependants: number },
): string {
  if (news.flapping)
    return `${rootName} is flapping in ${environment}: down again`;
  if (news.dependants === 0) return `${rootName} is down in ${environment}`;
  const noun = news.dependants === 1 ? 'dependant' : 'dependants';
  return `${rootName} is down in ${environment}, and ${news.dependants} ${noun} with it`;
}

const nameOf = (summaries: Map<string, EntitySummary>, ref: string) =>
  summaries.get(ref)?.displayName ?? ref;

interface IncidentNoticeOptions {
  directory: Pick<EntityDirectory, 'getMany'>;
  severity: NotificationSeverity;
  /** The members that joined the incident now (all of them when it opens). */
  joined: IncidentMember[];
  /** The members it had before: their owners have been told already. */
  alreadyIn: IncidentMember[];
  /** Endpoints of this batch that are flapping, by `ref|environment`. */
  flapping: Set<string>;
}

/**
 * What an incident's opening, or its growing, tells whom: the root cause's
 * owners once, when it opens, with the dependants it took down; each other
 * owner once, when the first of their entities joins it.
 */
export async function incidentNotices(
  incident: HealthIncident,
  options: IncidentNoticeOptions,
): Promise<Notice[]> {
  const { rootRef, environment } = incident;
  const members = incident.members;
  const summaries = await options.directory.getMany([
    rootRef,
    ...members.map(m => m.entityRef),
  ]);
  const rootName = nameOf(summaries, rootRef);
  const rootMember = members.find(m => m.entityRef === rootRef);
  const newsAt = options.joined.reduce(
    (latest, m) => (m.downSince > latest ? m.downSince : latest),
    incident.openedAt,
  );
  const since = clockTime(rootMember?.downSince ?? incident.openedAt, newsAt);
  const dependants = members.filter(m => m.entityRef !== rootRef);
  const rootOwners = summaries.get(rootRef)?.owners ?? [];
  const scope = incidentScope(rootRef, environment);
  const base = {
    environment,
    topic: 'health' as const,
    severity: options.severity,
    scope,
    holdable: true,
  };
  const notices: Notice[] = [];

  const told = new Set<string>();
  if (options.alreadyIn.length > 0) {
    rootOwners.forEach(o => told.add(o));
    for (const m of options.alreadyIn) {
      (summaries.get(m.entityRef)?.owners ?? []).forEach(o => told.add(o));
    }
  } else if (rootOwners.length > 0) {
    const isFlapping = options.flapping.has(endpointKey(rootRef, environment));
    const dependantNames = [
      ...new Set(dependants.map(m => nameOf(summaries, m.entityRef))),
    ];
    notices.push({
      ...base,
      entityRef: rootRef,
      kind: isFlapping ? 'health.flapping' : 'health.down',
      title: rootTitle(rootName, environment, {
        flapping: isFlapping,
        dependants: dependantNames.length,
      }),
      description: [
        `Down since ${since}${rootMember ? ` (${rootMember.url})` : ''}.`,
        dependantNames.length > 0
          ? `Down with it: ${listNames(dependantNames)}.`
          : undefined,
      ]
        .filter(Boolean)
        .join(' '),
      link: entityTabPath(rootRef, 'health'),
      recipients: rootOwners,
    });
    rootOwners.forEach(o => told.add(o));
  }

  // Each other owner hears once which of theirs are down, and why.
  const byOwner = new Map<string, Set<string>>();
  for (const member of options.joined) {
    if (member.entityRef === rootRef) continue;
    for (const owner of summaries.get(member.entityRef)?.owners ?? []) {
      if (told.has(owner)) continue;
      const refs = byOwner.get(owner) ?? new Set<string>();
      refs.add(member.entityRef);
      byOwner.set(owner, refs);
    }
  }
  // Owners with the same entities down share one notice.
  const byEntities = new Map<string, { refs: string[]; owners: string[] }>();
  for (const [owner, refs] of byOwner) {
    const sorted = [...refs].sort();
    const key = sorted.join('\n');
    const group = byEntities.get(key) ?? { refs: sorted, owners: [] };
    group.owners.push(owner);
    byEntities.set(key, group);
  }
  for (const { refs, owners } of byEntities.values()) {
    const names = refs.map(ref => nameOf(summaries, ref));
    notices.push({
      ...base,
      entityRef: refs[0],
      kind: 'health.down',
      title: `${listNames(names)} down — ${rootName} down since ${since}`,
      description: `${rootName} (${environment}), which ${
        names.length === 1 ? 'it depends' : 'they depend'
      } on, is down: this is told once, in ${rootName}'s notification, until it is back.`,
      link: entityTabPath(refs[0], 'health'),
      recipients: owners,
    });
  }
  return notices;
}

/**
 * A root cause back up: everyone told of its incident hears it, in the
 * same notification, and what is still down, if anything.
 */
export async function recoveryNotices(
  incident: HealthIncident,
  up: { at: string },
  directory: Pick<EntityDirectory, 'getMany'>,
): Promise<Notice[]> {
  const { rootRef, environment } = incident;
  const summaries = await directory.getMany([
    rootRef,
    ...incident.members.map(m => m.entityRef),
  ]);
  const recipients = [
    ...new Set(
      [rootRef, ...incident.members.map(m => m.entityRef)].flatMap(
        ref => summaries.get(ref)?.owners ?? [],
      ),
    ),
  ];
  if (recipients.length === 0) return [];
  const rootName = nameOf(summaries, rootRef);
  const rootMember = incident.members.find(m => m.entityRef === rootRef);
  const from = rootMember?.downSince ?? incident.openedAt;
  return [
    {
      entityRef: rootRef,
      environment,
      topic: 'health',
      kind: 'health.up',
      severity: 'normal',
      title: `${rootName} is back up in ${environment}`,
      description: `Down from ${clockTime(from, up.at)} to ${clockTime(
        up.at,
        up.at,
      )} (${minutesBetween(from, up.at)}).`,
      link: entityTabPath(rootRef, 'health'),
      scope: incidentScope(rootRef, environment),
      recipients,
      holdable: true,
      closes: true,
    },
  ];
}
