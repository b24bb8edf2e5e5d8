import { Transition } from './endpointState';

/**
 * Told about every up/down change, e.g. to open and resolve an error in the
 * error timeline. This is the seam the errors store plugs into.
 */
export type HealthTransitionListener = (event: {
  entityRef: string;
  environment: string;
  url: string;
  transition: Transition;
}) => Promise<void>;
