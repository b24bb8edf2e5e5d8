import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { EntityScorecard } from '@opsready/plugin-opsready-common';

/**
 * One tab per scorecard the entity is scored on, each with its score and
 * level, so the tab's content can follow the one chosen.
 */
export function ScorecardTabs({
  scorecards,
  selected,
  onSelect,
}: {
  scorecards: EntityScorecard[];
  selected: string;
  onSelect: (id: string) => void;
}) {
  return (
    <Tabs
      value={selected}
      onChange={(_event, id: string) => onSelect(id)}
      indicatorColor="primary"
      variant="scrollable"
      aria-label="Scorecards"
    >
      {scorecards.map(scorecard => (
        <Tab
          key={scorecard.id}
          value={scorecard.id}
          label={`${scorecard.title} · ${scorecardFigure(scorecard)}`}
          title={scorecard.description}
        />
      ))}
    </Tabs>
  );
}

/** "82, silver", "40, no level", or "no score" for a scorecard. */
export function scorecardFigure(
  scorecard: Pick<EntityScorecard, 'score' | 'level'>,
): string {
  if (scorecard.score === null) {
    return 'no score';
  }
  return `${scorecard.score}, ${scorecard.level ?? 'no level'}`;
}
