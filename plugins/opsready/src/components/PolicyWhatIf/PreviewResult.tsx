import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useState } from 'react';
import { ScorecardPreview } from '../../api/OpsReadyApi';
import { PreviewFigures } from './PreviewFigures';

type ScorecardFigures = ScorecardPreview['scorecards'][number];

const statusLabel: Record<ScorecardFigures['status'], string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  unchanged: 'unchanged',
};

function tabLabel(scorecard: ScorecardFigures): string {
  return `${scorecard.title} (${statusLabel[scorecard.status]}, ${
    scorecard.changed
  } change level)`;
}

/** One tab per scorecard, the first selected: the entity's score. */
function ScorecardTabs({
  scorecards,
}: {
  scorecards: ScorecardPreview['scorecards'];
}) {
  const [selected, setSelected] = useState(0);
  const shown = scorecards[selected] ?? scorecards[0];
  return (
    <Box>
      <Tabs
        value={selected}
        onChange={(_event, index: number) => setSelected(index)}
        indicatorColor="primary"
        variant="scrollable"
        aria-label="Scorecards"
      >
        {scorecards.map(scorecard => (
          <Tab key={scorecard.id} label={tabLabel(scorecard)} />
        ))}
      </Tabs>
      <Box mt={2} role="tabpanel" aria-label={shown.title}>
        <PreviewFigures
          figures={shown}
          levelsLabel={`${shown.title}: entities per level, before and after`}
        />
      </Box>
    </Box>
  );
}

/**
 * What a candidate would do: what it cannot preview, then the figures; with
 * several scorecards, a tab for each.
 */
export function PreviewResult({ preview }: { preview: ScorecardPreview }) {
  // A backend from before scorecards answers without them.
  const scorecards = preview.scorecards ?? [];
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      {preview.notPreviewed.map(item => (
        <WarningPanel
          key={`${item.change}: ${item.reason}`}
          severity="warning"
          title={`Not previewed: ${item.change}`}
          message={item.reason}
        />
      ))}
      {scorecards.length > 1 ? (
        <ScorecardTabs scorecards={scorecards} />
      ) : (
        <PreviewFigures figures={preview} />
      )}
    </Box>
  );
}
