import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { CampaignChange } from '../../../api/OpsReadyApi';
import { RelativeTime } from '../../RelativeTime';
import { dayLabel, shortRef } from '../campaignWords';

const ACTION_LABELS: Record<CampaignChange['action'], string> = {
  launched: 'Launched',
  edited: 'Edited',
  paused: 'Paused',
  resumed: 'Resumed',
  ended: 'Ended',
  completed: 'Completed',
};

/** A value of a change as a reader takes it in: a day, a list, a word. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'string') {
    return /^\d{4}-\d\d-\d\dT/.test(value) ? dayLabel(value) : value;
  }
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => `${key}: ${valueText(v)}`)
      .join('; ');
  }
  return String(value);
}

function changeLines(change: CampaignChange): string[] {
  return Object.entries(change.changes).map(
    ([field, { from, to }]) =>
      `${field}: ${valueText(from)} → ${valueText(to)}`,
  );
}

/** Who launched, edited, paused, resumed or ended the campaign, newest first. */
export function CampaignHistory({ changes }: { changes: CampaignChange[] }) {
  if (changes.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No changes recorded.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Campaign history">
      {changes.map(change => (
        <ListItem key={`${change.at}-${change.action}`} alignItems="flex-start">
          <ListItemText
            primary={
              <>
                {`${ACTION_LABELS[change.action]} by ${shortRef(change.by)}, `}
                <RelativeTime iso={change.at} />
              </>
            }
            secondary={[...changeLines(change), change.note]
              .filter(Boolean)
              .join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  );
}
