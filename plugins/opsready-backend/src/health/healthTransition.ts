import { Transition } from './endpointState';

/**
 * Told about every up/down change, e.g. to open and resolve an error in the
 * error timeline. This is the seam the errors store plugs into.
 */
export type HealthTransitionListener = (
  event: HealthTransitionEvent,
) => Promise<void>;

export interface HealthTransitionEvent {
  entityRef: string;
  environment: string;
  url: string;
  transition: Transition;
  /** The endpoint has changed status often enough lately to be flapping. */
  flapping: boolean;
}

/**
 * Told of a stored batch's transitions at once, e.g. to publish them as one
 * message: a fleet whose shared dependency fails goes down in one sweep.
 */
export type HealthTransitionsListener = (
  events: HealthTransitionEvent[],
) => Promise<void>;
