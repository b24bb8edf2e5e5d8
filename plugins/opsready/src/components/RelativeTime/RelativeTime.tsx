import Tooltip from '@material-ui/core/Tooltip';
import { DateTime } from 'luxon';

/**
 * A moment as people say it ("5 minutes ago", "just now"), in the user's
 * time zone, with the exact date and time on hover.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const time = DateTime.fromISO(iso);
  const relative =
    Math.abs(time.diffNow().as('seconds')) < 60
      ? 'just now'
      : time.toRelative();
  return (
    <Tooltip title={time.toLocaleString(DateTime.DATETIME_FULL)}>
      <time dateTime={iso}>{relative}</time>
    </Tooltip>
  );
}
