import {
  DeploymentInput,
  ServiceErrorInput,
} from '@opsready/plugin-opsready-common';
import { EventIngest, IngestOutcome } from '../../events/EventIngest';

/**
 * An EventIngest that keeps events in maps, keyed like the real store by
 * `source` + `externalId`: a second input with the same pair replaces the
 * first and counts as `updated`, so tests can assert idempotency. It also
 * keeps every call, to assert what a webhook sent and in which batches.
 */
export class InMemoryEventIngest implements EventIngest {
  readonly deployments = new Map<string, DeploymentInput>();
  readonly errors = new Map<string, ServiceErrorInput>();
  readonly calls: Array<
    | { method: 'recordDeployments'; inputs: DeploymentInput[] }
    | { method: 'recordErrors'; inputs: ServiceErrorInput[] }
  > = [];

  static keyOf(input: { source: string; externalId: string }): string {
    return `${input.source}\n${input.externalId}`;
  }

  async recordDeployments(inputs: DeploymentInput[]): Promise<IngestOutcome> {
    this.calls.push({ method: 'recordDeployments', inputs });
    return this.#upsert(this.deployments, inputs, (_, input) => input);
  }

  async recordErrors(inputs: ServiceErrorInput[]): Promise<IngestOutcome> {
    this.calls.push({ method: 'recordErrors', inputs });
    // Like the store: a resolution stays once given.
    return this.#upsert(this.errors, inputs, (previous, input) => ({
      ...input,
      resolvedAt: input.resolvedAt ?? previous?.resolvedAt,
    }));
  }

  async listOpenErrors(
    source: string,
  ): Promise<Array<{ entityRef: string; externalId: string }>> {
    return [...this.errors.values()]
      .filter(e => e.source === source && !e.resolvedAt)
      .map(({ entityRef, externalId }) => ({ entityRef, externalId }));
  }

  async withdrawDeployments(
    source: string,
    deployments: Array<{ externalId: string }>,
  ): Promise<number> {
    let deleted = 0;
    for (const { externalId } of deployments) {
      if (
        this.deployments.delete(
          InMemoryEventIngest.keyOf({ source, externalId }),
        )
      ) {
        deleted += 1;
      }
    }
    return deleted;
  }

  deploymentsList(): DeploymentInput[] {
    return [...this.deployments.values()];
  }

  errorsList(): ServiceErrorInput[] {
    return [...this.errors.values()];
  }

  #upsert<T extends { source: string; externalId: string }>(
    map: Map<string, T>,
    inputs: T[],
    merge: (previous: T | undefined, input: T) => T,
  ): IngestOutcome {
    let stored = 0;
    let updated = 0;
    for (const input of inputs) {
      const key = InMemoryEventIngest.keyOf(input);
      const previous = map.get(key);
      if (previous) {
        updated += 1;
      } else {
        stored += 1;
      }
      map.set(key, merge(previous, input));
    }
    return { stored, updated, rejected: [] };
  }
}
