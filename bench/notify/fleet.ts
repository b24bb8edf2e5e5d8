/*
 * The notification benchmark's catalog: components owned round robin by
 * team groups, shared dependencies owned by a platform group, and the users
 * those groups have as members (whom the notifications backend tells). Each
 * entity has one health endpoint per environment.
 */
import { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';

export interface FleetOptions {
  /** Components. */
  entities: number;
  /** Team groups owning them, round robin. */
  owners: number;
  environments: string[];
  /** Shared dependencies; each is depended on by an equal slice of the fleet. */
  shared: number;
  /** Users in each group. */
  usersPerGroup: number;
}

/** One entity's health endpoint in one environment. */
export interface Endpoint {
  entityRef: string;
  environment: string;
  url: string;
}

export interface Fleet {
  /** Every entity the catalog holds: components, resources, groups, users. */
  entities: Entity[];
  components: string[];
  sharedDependencies: string[];
  platform: string;
  /** The owner groups of each component and shared dependency. */
  ownersOf: Map<string, string[]>;
  /** The shared dependency each component depends on. */
  dependencyOf: Map<string, string>;
  /** The users of each group. */
  membersOf: Map<string, string[]>;
  /** What a person calls an entity: its name. */
  nameOf(ref: string): string;
  componentEndpoints: Endpoint[];
  sharedEndpoints: Endpoint[];
}

const SHARED_NAMES = ['redis-shared', 'postgres-shared', 'kafka-shared'];

function entity(
  kind: string,
  name: string,
  spec: JsonObject,
  relations: Array<[string, string]>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec,
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

export function buildFleet(options: FleetOptions): Fleet {
  const width = String(Math.max(options.entities, options.owners) - 1).length;
  const pad = (i: number) => String(i).padStart(width, '0');
  const platform = 'group:default/platform';
  const groupName = (i: number) => `team-${pad(i)}`;
  const groups = [
    ...Array.from({ length: options.owners }, (_, i) => groupName(i)),
    'platform',
  ];
  const entities: Entity[] = [];
  const membersOf = new Map<string, string[]>();
  for (const group of groups) {
    const users = Array.from(
      { length: options.usersPerGroup },
      (_, u) => `${group}-user-${u + 1}`,
    );
    const groupRef = `group:default/${group}`;
    membersOf.set(
      groupRef,
      users.map(u => `user:default/${u}`),
    );
    entities.push(
      entity(
        'Group',
        group,
        { type: 'team', children: [] },
        users.map(u => ['hasMember', `user:default/${u}`]),
      ),
    );
    for (const user of users) {
      entities.push(
        entity('User', user, { memberOf: [group] }, [['memberOf', groupRef]]),
      );
    }
  }

  const ownersOf = new Map<string, string[]>();
  const sharedDependencies = Array.from({ length: options.shared }, (_, i) => {
    const name = SHARED_NAMES[i] ?? `shared-${i + 1}`;
    entities.push(
      entity('Resource', name, { type: 'database', owner: 'platform' }, [
        ['ownedBy', platform],
      ]),
    );
    ownersOf.set(`resource:default/${name}`, [platform]);
    return `resource:default/${name}`;
  });

  const dependencyOf = new Map<string, string>();
  const components = Array.from({ length: options.entities }, (_, i) => {
    const name = `svc-${pad(i)}`;
    const ref = `component:default/${name}`;
    const owner = `group:default/${groupName(i % options.owners)}`;
    // Consecutive slices: with 2 shared dependencies and 500 owners, each
    // owner has 2 components on each, so every owner hears of every outage.
    const dependency =
      sharedDependencies[Math.floor((i * options.shared) / options.entities)];
    const relations: Array<[string, string]> = [['ownedBy', owner]];
    if (dependency) {
      relations.push(['dependsOn', dependency]);
      dependencyOf.set(ref, dependency);
    }
    entities.push(
      entity(
        'Component',
        name,
        { type: 'service', owner, lifecycle: 'production' },
        relations,
      ),
    );
    ownersOf.set(ref, [owner]);
    return ref;
  });

  const endpointsOf = (refs: string[]) =>
    refs.flatMap(ref =>
      options.environments.map(environment => ({
        entityRef: ref,
        environment,
        url: `https://${ref.split('/')[1]}.${environment}.example.com/healthz`,
      })),
    );
  return {
    entities,
    components,
    sharedDependencies,
    platform,
    ownersOf,
    dependencyOf,
    membersOf,
    nameOf: ref => ref.split('/')[1],
    componentEndpoints: endpointsOf(components),
    sharedEndpoints: endpointsOf(sharedDependencies),
  };
}
