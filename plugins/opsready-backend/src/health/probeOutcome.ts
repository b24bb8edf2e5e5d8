/**
 * How far a probe got. Only an answered probe says how fast the endpoint
 * is: a refused probe was never sent, and a connection that failed takes a
 * few milliseconds whatever the service, so counting either in the latency
 * figures made an unreachable endpoint look fast. A probe that timed out
 * got no answer either; its endpoint is judged by its uptime.
 *
 * - `answered`: an HTTP answer came back, whatever its status (a 503 is an
 *   answer, and its latency counts).
 * - `refused`: not sent, or not connected, because the prober's policy
 *   refused the URL or the address it resolved to.
 * - `failed-to-connect`: the connection could not be made or was dropped
 *   before an answer.
 * - `timed-out`: no complete answer within the probe's timeout.
 */
export type ProbeOutcome =
  | 'answered'
  | 'refused'
  | 'failed-to-connect'
  | 'timed-out';

/** Probes that got no HTTP answer, by why. */
export interface UnansweredCounts {
  refused: number;
  failedToConnect: number;
  timedOut: number;
}

export function noUnanswered(): UnansweredCounts {
  return { refused: 0, failedToConnect: 0, timedOut: 0 };
}

/** Counts one probe that got no answer; an answered one changes nothing. */
export function countUnanswered(
  counts: UnansweredCounts,
  outcome: ProbeOutcome,
): void {
  if (outcome === 'refused') counts.refused += 1;
  else if (outcome === 'failed-to-connect') counts.failedToConnect += 1;
  else if (outcome === 'timed-out') counts.timedOut += 1;
}

export function addUnanswered(
  a: UnansweredCounts,
  b: UnansweredCounts,
): UnansweredCounts {
  return {
    refused: a.refused + b.refused,
    failedToConnect: a.failedToConnect + b.failedToConnect,
    timedOut: a.timedOut + b.timedOut,
  };
}
