import type { EndpointKey, HealthStore } from '../../database/HealthStore';
import type { IncidentMember } from '../../database/HealthIncidentsStore';
import type { EntityDirectory } from '../EntityDirectory';

/** How far down `dependsOn` a search loads; deeper chains are not followed. */
const MAX_DEPTH = 25;

/**
 * The part of the catalog's `dependsOn` graph reachable from some down
 * endpoints, and which of its entities are down in which environment,
 * loaded level by level in batches so that root causes can be found
 * without a request per step.
 */
export class DependencyGraph {
  private constructor(
    private readonly edges: Map<string, string[]>,
    private readonly down: Map<string, IncidentMember>,
  ) {}

  static async load(
    from: IncidentMember[],
    directory: Pick<EntityDirectory, 'getMany'>,
    endpoints: Pick<HealthStore, 'getEndpointsByKey'>,
  ): Promise<DependencyGraph> {
    const edges = new Map<string, string[]>();
    let frontier = [...new Set(from.map(m => m.entityRef))];
    for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth++) {
      const summaries = await directory.getMany(frontier);
      const next = new Set<string>();
      for (const ref of frontier) {
        const dependsOn = summaries.get(ref)?.dependsOn ?? [];
        edges.set(ref, dependsOn);
        dependsOn.filter(d => !edges.has(d)).forEach(d => next.add(d));
      }
      frontier = [...next];
    }
    const environments = [...new Set(from.map(m => m.environment))];
    const keys: EndpointKey[] = [];
    for (const ref of edges.keys()) {
      for (const environment of environments) {
        keys.push({ entityRef: ref, environment });
      }
    }
    const down = new Map<string, IncidentMember>();
    for (const endpoint of await endpoints.getEndpointsByKey(keys)) {
      if (endpoint.state.status !== 'down') continue;
      down.set(`${endpoint.entityRef}|${endpoint.environment}`, {
        entityRef: endpoint.entityRef,
        environment: endpoint.environment,
        url: endpoint.url,
        downSince: endpoint.state.since ?? new Date().toISOString(),
      });
    }
    for (const member of from) {
      down.set(`${member.entityRef}|${member.environment}`, member);
    }
    return new DependencyGraph(edges, down);
  }

  dependsOn(ref: string): string[] {
    return this.edges.get(ref) ?? [];
  }

  isDown(ref: string, environment: string): boolean {
    return this.down.has(`${ref}|${environment}`);
  }

  /** A down endpoint of the graph, as an incident member. */
  endpoint(ref: string, environment: string): IncidentMember | undefined {
    return this.down.get(`${ref}|${environment}`);
  }
}
