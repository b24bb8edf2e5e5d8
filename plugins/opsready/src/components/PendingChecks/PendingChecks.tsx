import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { EntityCheck } from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';

const formatDate = (iso: string) =>
  DateTime.fromISO(iso).toLocaleString(DateTime.DATE_MED);

/** What a pending check waits for: a probe for health, else a deployment. */
function awaited(check: Pick<EntityCheck, 'category'>): string {
  return check.category === 'health' ? 'probe' : 'deployment';
}

/**
 * How a pending check is labelled wherever it is shown, e.g. "Pending —
 * waiting for the first probe; counts from Dec 14, 2026".
 */
export function pendingLabel(
  check: Pick<EntityCheck, 'category' | 'result'>,
): string {
  const until = check.result.pendingUntil;
  return `Pending — waiting for the first ${awaited(check)}${
    until ? `; counts from ${formatDate(until)}` : ''
  }`;
}

/** The chip a pending check carries beside its title. */
export function PendingChip(props: {
  check: Pick<EntityCheck, 'category' | 'result'>;
}) {
  return (
    <Chip
      size="small"
      variant="outlined"
      label={pendingLabel(props.check)}
      style={{ marginLeft: 8 }}
    />
  );
}

/** The checks of an evaluation that are pending, and not exempted. */
export function pendingChecks(checks: EntityCheck[]): EntityCheck[] {
  return checks.filter(c => c.result.status === 'pending' && !c.exemption);
}

/**
 * Under a score: how many checks are left out of it while they wait for
 * their first data, and until when at the latest. Nothing when none are.
 */
export function PendingScoreNote(props: { checks: EntityCheck[] }) {
  const pending = pendingChecks(props.checks);
  if (pending.length === 0) {
    return null;
  }
  const until = pending
    .map(c => c.result.pendingUntil)
    .filter((d): d is string => Boolean(d))
    .sort()[0];
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="p"
      align="center"
      aria-label="Pending checks"
    >
      {pending.length === 1
        ? '1 check is pending, left out of this score until its first data arrives'
        : `${pending.length} checks are pending, left out of this score until their first data arrives`}
      {until ? ` or until ${formatDate(until)}` : ''}.
    </Typography>
  );
}
