import Typography from '@material-ui/core/Typography';
import { RelativeTime } from '../RelativeTime/RelativeTime';

/** The evidence keys the backend adds to results resting on kept facts. */
export const KEPT_FROM_KEYS = ['repositoryReadAt', 'repositoryKeptBecause'];

/**
 * Says, above a result's evidence, that it rests on repository facts read
 * some time ago that could not be renewed (the host's request budget was
 * spent, or the read failed), and why: the verdict may be out of date.
 */
export function KeptRepositoryFacts(props: {
  evidence: Record<string, unknown> | undefined;
}) {
  const readAt = props.evidence?.repositoryReadAt;
  const because = props.evidence?.repositoryKeptBecause;
  if (typeof readAt !== 'string') {
    return null;
  }
  return (
    <Typography variant="body2" color="textSecondary" paragraph>
      From the repository as read <RelativeTime iso={readAt} />
      {typeof because === 'string' ? `, ${because}.` : '.'}
    </Typography>
  );
}
