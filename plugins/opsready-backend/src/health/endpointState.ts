import { durationToMilliseconds } from '@backstage/types';
/** What is known of one endpoint between probes. */
export interface EndpointState {
  status: 'up' | 'down' | 'unknown';
  consecutiveSuccesses: number;
  consecutiveFailures: number;
  /** Times of recent status changes, newest last, for flapping. */
  recentTransitions: string[];
  flapping: boolean;
  since?: string;
}

/** A change of status, as the timeline shows it. */
export interface Transition {
  from: EndpointState['status'];
  to: 'up' | 'down';
  at: string;
  reason?: string;
}

export interface StateRules {
  /** Consecutive failures before up turns down. Default 3, as Gatus. */
  failureThreshold: number;
  /** Consecutive successes before down turns up. Default 2, as Gatus. */
  successThreshold: number;
  /** Status changes within the window that make an endpoint flapping. */
  flapTransitions: number;
  flapWindowMs: number;
}

export const defaultStateRules: StateRules = {
  failureThreshold: 3,
  successThreshold: 2,
  flapTransitions: 4,
  flapWindowMs: durationToMilliseconds({ hours: 1 }),
};

export const initialEndpointState: EndpointState = {
  status: 'unknown',
  consecutiveSuccesses: 0,
  consecutiveFailures: 0,
  recentTransitions: [],
  flapping: false,
};

/**
 * The state after one more probe. The first probe decides an unknown
 * endpoint's status at once; after that, the status changes only after
 * `failureThreshold` failures or `successThreshold` successes in a row, so
 * one lost packet does not page anyone. An endpoint that changed status
 * `flapTransitions` times within the window is flapping.
 */
export function nextEndpointState(
  state: EndpointState,
  probe: { up: boolean; at: Date; reason?: string },
  rules: StateRules = defaultStateRules,
): { state: EndpointState; transition?: Transition } {
  const consecutiveSuccesses = probe.up ? state.consecutiveSuccesses + 1 : 0;
  const consecutiveFailures = probe.up ? 0 : state.consecutiveFailures + 1;
  let status = state.status;
  if (state.status === 'unknown') {
    status = probe.up ? 'up' : 'down';
  } else if (
    state.status === 'up' &&
    consecutiveFailures >= rules.failureThreshold
  ) {
    status = 'down';
  } else if (
    state.status === 'down' &&
    consecutiveSuccesses >= rules.successThreshold
  ) {
    status = 'up';
  }

  const at = probe.at.toISOString();
  const changed = status !== state.status;
  const windowStart = probe.at.getTime() - rules.flapWindowMs;
  const recentTransitions = [
    ...state.recentTransitions,
    ...(changed && state.status !== 'unknown' ? [at] : []),
  ].filter(t => Date.parse(t) >= windowStart);

  const next: EndpointState = {
    status,
    consecutiveSuccesses,
    consecutiveFailures,
    recentTransitions,
    flapping: recentTransitions.length >= rules.flapTransitions,
    since: changed ? at : state.since,
  };
  if (!changed) {
    return { state: next };
  }
  return {
    state: next,
    transition: {
      from: state.status,
      to: status as 'up' | 'down',
      at,
      ...(probe.up ? {} : { reason: probe.reason }),
    },
  };
}
