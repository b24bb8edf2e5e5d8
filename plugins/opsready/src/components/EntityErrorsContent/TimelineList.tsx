import { CompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  TimelineEvent,
  TimelineEventType,
} from '@opsready/plugin-opsready-common';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { RelativeTime } from '../RelativeTime';
import { NotificationTimelineItem } from './NotificationTimelineItem';
import {
  AsyncContent,
  PageControls,
  SeverityLabel,
  useCursorPages,
} from '../shared';

const TYPE_LABELS: Record<TimelineEventType, string> = {
  deployment: 'Deployment',
  error: 'Error',
  health: 'Health',
  score: 'Score',
  provisioned: 'Created',
  notification: 'Notification',
};

/**
 * Deployments, errors, health transitions, score changes, what the owners
 * were told and the service's creation on one axis, newest first.
 */
export function TimelineList(props: {
  entity: CompoundEntityRef;
  range: { from: string; to: string };
}) {
  const { entity, range } = props;
  const api = useApi(opsreadyApiRef);
  const pages = useCursorPages(
    cursor => api.getTimeline(entity, range, { cursor, limit: 50 }),
    [entity.kind, entity.namespace, entity.name, range],
  );
  return (
    <AsyncContent {...pages}>
      {page =>
        page.items.length === 0 ? (
          <Typography variant="body2">
            Nothing happened in this range.
          </Typography>
        ) : (
          <>
            <List dense aria-label="Timeline">
              {page.items.map(event =>
                event.type === 'notification' ? (
                  <NotificationTimelineItem key={event.id} event={event} />
                ) : (
                  <TimelineItem key={event.id} event={event} />
                ),
              )}
            </List>
            <PageControls {...pages} />
          </>
        )
      }
    </AsyncContent>
  );
}

function TimelineItem({ event }: { event: TimelineEvent }) {
  return (
    <ListItem disableGutters>
      <ListItemText
        primary={
          <>
            <strong>{TYPE_LABELS[event.type]}</strong>
            {event.severity && (
              <>
                {' '}
                <SeverityLabel severity={event.severity} />
              </>
            )}{' '}
            {event.title}
            {event.environment && ` · ${event.environment}`}
          </>
        }
        secondary={
          <>
            <RelativeTime iso={event.at} />
            {event.links.map(link => (
              <span key={link.url}>
                {' · '}
                <Link to={link.url}>{link.title}</Link>
              </span>
            ))}
          </>
        }
      />
    </ListItem>
  );
}
