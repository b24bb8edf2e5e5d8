import { ProvisionedEventInput } from '@opsready/plugin-opsready-common';

export interface ProvisionedEvent extends ProvisionedEventInput {
  id: string;
  entityRef: string;
  at: string;
}

/** Where the services created from software templates are recorded. */
export interface ProvisionedEventsStore {
  addProvisioned(
    entityRef: string,
    input: ProvisionedEventInput,
    at: Date,
  ): Promise<ProvisionedEvent>;
  provisionedBetween(
    entityRef: string,
    range: { from: Date; to: Date },
  ): Promise<ProvisionedEvent[]>;
}
