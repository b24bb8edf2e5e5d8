import { CompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { RelativeTime } from '../RelativeTime';
import { ownersToldLead, untilLabel } from '../shared';

/**
 * When the owners were last told about a problem that is still open:
 * "Owners told 12 minutes ago: cart down". Nothing while nothing is open.
 * The card's other content does not depend on it, so a failure here is a
 * quiet line of its own, not an error panel.
 */
export function OwnersTold({ entity }: { entity: CompoundEntityRef }) {
  const api = useApi(opsreadyApiRef);
  const { value, error } = useAsync(
    () => api.getNotifications(entity, { open: true }, { limit: 1 }),
    [api, entity.kind, entity.namespace, entity.name],
  );

  if (error) {
    return (
      <Box mt={1}>
        <Typography variant="caption" color="textSecondary" component="p">
          Could not tell when the owners were last told about an open problem.
        </Typography>
      </Box>
    );
  }
  const latest = value?.items[0];
  if (!latest) return null;
  const until =
    latest.status === 'held' && latest.heldBy
      ? untilLabel(latest.heldBy.until)
      : undefined;
  return (
    <Box mt={1}>
      <Typography variant="body2" component="div" aria-label="Owners told">
        {ownersToldLead(latest.status)} <RelativeTime iso={latest.createdAt} />
        {': '}
        <Link to={latest.link}>{latest.title}</Link>
        {until && ` · maintenance until ${until}`}
      </Typography>
    </Box>
  );
}
