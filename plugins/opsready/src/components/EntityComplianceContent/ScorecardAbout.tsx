import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { EntityScorecard } from '@opsready/plugin-opsready-common';

/**
 * What a scorecard asks: its description, how many checks it scores, and
 * its levels from the top, each with the score it needs.
 */
export function ScorecardAbout({ scorecard }: { scorecard: EntityScorecard }) {
  const levels = [...scorecard.levels].sort((a, b) => b.minScore - a.minScore);
  const scored = scorecard.checks.filter(c => c.weight > 0).length;
  return (
    <InfoCard title={`About ${scorecard.title}`}>
      {scorecard.description && (
        <Typography variant="body1" paragraph>
          {scorecard.description}
        </Typography>
      )}
      <Typography variant="body2">
        {scored === 1 ? '1 check scored' : `${scored} checks scored`}
        {scorecard.checks.length > scored &&
          `, ${scorecard.checks.length - scored} shown with weight 0`}
        .
      </Typography>
      <List dense aria-label={`Levels of ${scorecard.title}`}>
        {levels.map(level => (
          <ListItem key={level.name} disableGutters>
            <ListItemText
              primary={level.name}
              secondary={`${level.minScore} points${
                level.noFailingCritical ? ', no failing critical check' : ''
              }`}
            />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
