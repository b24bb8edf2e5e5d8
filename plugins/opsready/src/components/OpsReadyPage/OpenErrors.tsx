import { parseEntityRef } from '@backstage/catalog-model';
import { Link, StatusError } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { OpenErrorCounts } from '@opsready/plugin-opsready-common';
import { useEntityTabLink } from '../shared';

/**
 * An entity's open critical and high errors, linked to its errors tab; a
 * dash when it has none, so the rows that need someone stand out.
 */
export function OpenErrors(props: {
  entityRef: string;
  counts: OpenErrorCounts;
}) {
  const { entityRef, counts } = props;
  const tabLink = useEntityTabLink();
  if (counts.critical === 0 && counts.high === 0) {
    return <>—</>;
  }
  const parts = [
    counts.critical > 0 && `${counts.critical} critical`,
    counts.high > 0 && `${counts.high} high`,
  ].filter(Boolean);
  // The status icon stands beside the link, not around it: Backstage
  // hides a status and its children from screen readers.
  return (
    <Box display="flex" alignItems="center">
      <StatusError />
      <Link to={tabLink(parseEntityRef(entityRef), 'errors')}>
        {parts.join(', ')}
      </Link>
    </Box>
  );
}
