import { CompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { EntityScorecard } from '@opsready/plugin-opsready-common';
import { useEntityTabLink } from '../shared';
import { scorecardFigure } from '../EntityComplianceContent/ScorecardTabs';

/**
 * Each scorecard the entity is scored on, with its score and level, linked
 * to its tab on the compliance page. Shown only when there are several:
 * with one, the gauge above is the scorecard.
 */
export function ScorecardList({
  entity,
  scorecards,
}: {
  entity: CompoundEntityRef;
  scorecards: EntityScorecard[];
}) {
  const tabLink = useEntityTabLink();
  if (scorecards.length < 2) {
    return null;
  }
  const compliance = tabLink(entity, 'compliance');
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Scorecards
      </Typography>
      <List dense disablePadding aria-label="Scorecards">
        {scorecards.map(scorecard => (
          <ListItem key={scorecard.id} disableGutters>
            <ListItemText
              primary={
                <Link
                  to={`${compliance}?scorecard=${encodeURIComponent(
                    scorecard.id,
                  )}`}
                >
                  {scorecard.title}
                </Link>
              }
              secondary={scorecardFigure(scorecard)}
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}
