import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { FleetOverview } from '@opsready/plugin-opsready-common';

/** How many entities sit at each level, "none" last. */
export function LevelDistribution(props: {
  levelCounts: FleetOverview['levelCounts'];
  total: number;
}) {
  const { levelCounts, total } = props;
  // "none" last; the levels keep the backend's order, lowest first.
  const entries = Object.entries(levelCounts).sort(
    ([a], [b]) => Number(a === 'none') - Number(b === 'none'),
  );
  if (entries.length === 0) {
    return <Typography variant="body2">No entity evaluated yet.</Typography>;
  }
  return (
    <List dense aria-label="Entities per level">
      {entries.map(([level, count]) => (
        <ListItem key={level} disableGutters>
          <ListItemText
            primary={`${level === 'none' ? 'No level' : level}: ${count}`}
            secondary={`${Math.round(
              (count / Math.max(total, 1)) * 100,
            )} % of ${total}`}
          />
        </ListItem>
      ))}
    </List>
  );
}

/** Teams by average score, best first. */
export function OwnersRanked({ owners }: { owners: FleetOverview['owners'] }) {
  if (owners.length === 0) {
    return (
      <Typography variant="body2">No owner has a scored entity.</Typography>
    );
  }
  return (
    <List dense aria-label="Owners by average score">
      {[...owners]
        .sort((a, b) => b.averageScore - a.averageScore)
        .map((owner, i) => (
          <ListItem key={owner.owner} disableGutters>
            <ListItemText
              primary={
                <>
                  {i + 1}.{' '}
                  <EntityRefLink entityRef={owner.owner} defaultKind="group" />
                </>
              }
              secondary={`average ${owner.averageScore} over ${
                owner.entities
              } ${owner.entities === 1 ? 'entity' : 'entities'}`}
            />
          </ListItem>
        ))}
    </List>
  );
}

/** The checks that fail on the most entities. */
export function TopFailingChecks(props: {
  checks: FleetOverview['topFailingChecks'];
}) {
  if (props.checks.length === 0) {
    return <Typography variant="body2">No check fails anywhere.</Typography>;
  }
  return (
    <List dense aria-label="Checks failing most">
      {props.checks.map(check => (
        <ListItem key={check.checkId} disableGutters>
          <ListItemText
            primary={check.checkId}
            secondary={`fails on ${check.failing} ${
              check.failing === 1 ? 'entity' : 'entities'
            }`}
          />
        </ListItem>
      ))}
    </List>
  );
}
