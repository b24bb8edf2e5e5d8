import { StoredEndpoint, StoredTransition } from '../database/HealthStore';

/**
 * The share of a window an endpoint spent down, from its transitions and
 * its state now: the probes' stand-in for an error ratio over windows
 * shorter than their hourly rollups (5 and 30 minutes), so that a service
 * down for the last hour pages like one whose requests fail. Time whose
 * status is unknown is left out; undefined when all of it is.
 *
 * `transitions` are the endpoint's, oldest first, and may reach before the
 * window: the status at its start is the last one entered before it.
 */
export function downTimeShare(
  endpoint: Pick<StoredEndpoint, 'state'>,
  transitions: Array<Pick<StoredTransition, 'from' | 'to' | 'at'>>,
  window: { from: Date; to: Date },
): number | undefined {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const inWindow = transitions.filter(t => {
    const at = Date.parse(t.at);
    return at > from && at <= to;
  });
  const before = transitions.filter(t => Date.parse(t.at) <= from).pop();
  let status: StoredEndpoint['state']['status'] =
    before?.to ?? inWindow[0]?.from ?? endpoint.state.status;
  let since = from;
  let down = 0;
  let known = 0;
  const spend = (until: number) => {
    if (status !== 'unknown') known += until - since;
    if (status === 'down') down += until - since;
  };
  for (const t of inWindow) {
    const at = Date.parse(t.at);
    spend(at);
    status = t.to;
    since = at;
  }
  spend(to);
  return known > 0 ? down / known : undefined;
}
