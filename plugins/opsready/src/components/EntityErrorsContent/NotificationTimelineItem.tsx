import { Link } from '@backstage/core-components';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import NotificationsIcon from '@material-ui/icons/Notifications';
import { TimelineEvent } from '@opsready/plugin-opsready-common';
import { RelativeTime } from '../RelativeTime';
import { notificationDetails, undeliveredLabel } from '../shared';

const OWNERS_TOLD = 'Owners told: ';

/**
 * The timeline's title for a notice, "Owners told: cart down". The backend
 * may already word it so; the prefix is not doubled.
 */
export function ownersToldTitle(title: string): string {
  return title.startsWith(OWNERS_TOLD) ? title : `${OWNERS_TOLD}${title}`;
}

/**
 * A notice on the timeline: what the owners were told and who was told,
 * and, when it did not go out as raised (held by a maintenance window,
 * stopped by the rate limit), a chip that says so.
 */
export function NotificationTimelineItem({ event }: { event: TimelineEvent }) {
  const { status, recipients, heldBy } = notificationDetails(event.details);
  const undelivered = undeliveredLabel(status, heldBy);
  return (
    <ListItem disableGutters>
      <ListItemIcon style={{ minWidth: 32 }}>
        <NotificationsIcon fontSize="small" titleAccess="Notification" />
      </ListItemIcon>
      <ListItemText
        primary={
          <>
            {ownersToldTitle(event.title)}
            {event.environment && ` · ${event.environment}`}
            {undelivered && (
              <>
                {' '}
                <Tooltip title={heldBy?.reason ?? ''}>
                  <Chip size="small" label={undelivered} />
                </Tooltip>
              </>
            )}
          </>
        }
        secondary={
          <>
            <RelativeTime iso={event.at} />
            {recipients && recipients.length > 0 && (
              <>
                {' · To '}
                <EntityRefLinks entityRefs={recipients} />
              </>
            )}
            {event.links.map(link => (
              <span key={link.url}>
                {' · '}
                <Link to={link.url}>{link.title}</Link>
              </span>
            ))}
          </>
        }
        // The recipients' links are block content inside the secondary text.
        secondaryTypographyProps={{ component: 'div' }}
      />
    </ListItem>
  );
}
