import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Gauge,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { Rollup } from '@opsready/plugin-opsready-common';
import { useId, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { scoreColor } from '../EntityOpsReadyCard/EntityOpsReadyCard';
import { errorTitle } from '../errorTitle';
import { Breakdown, LevelChips, WorstChecks } from './RollupParts';

const EMPTY_TEXT: Record<string, string> = {
  group: 'No scored components under this group yet',
  system: 'No scored components in this system yet',
  domain: 'No scored components in this domain yet',
};

/**
 * The roll-up card of a group, system or domain page: the average score of
 * what it covers (for a group, everything owned by it or by any group below
 * it), the levels reached, the checks failing most and where the score
 * comes from.
 *
 * @public
 */
export function EntityOpsReadyRollupCard() {
  const { entity } = useEntity();
  const api = useApi(opsreadyApiRef);
  // Undefined: the first scorecard, whichever the backend has.
  const [scorecard, setScorecard] = useState<string | undefined>();
  const { value, loading, error } = useAsync(
    () => api.getRollup(getCompoundEntityRef(entity), { scorecard }),
    [api, entity, scorecard],
  );
  const kind = entity.kind.toLocaleLowerCase('en-US');

  return (
    <InfoCard title="OpsReady roll-up" subheader={subheaderOf(kind)}>
      {value && value.scorecards.length > 1 && (
        <ScorecardSelect
          rollup={value}
          onChange={id => setScorecard(id)}
          disabled={loading}
        />
      )}
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} title={errorTitle(error)} />}
      {value && !loading && (
        <RollupSummary
          rollup={value}
          emptyText={EMPTY_TEXT[kind] ?? EMPTY_TEXT.group}
        />
      )}
    </InfoCard>
  );
}

function subheaderOf(kind: string): string {
  if (kind === 'group')
    return 'Compliance of everything this team and the teams below it own';
  if (kind === 'domain') return 'Compliance of the systems in this domain';
  return 'Compliance of the components in this system';
}

function ScorecardSelect(props: {
  rollup: Rollup;
  onChange: (id: string) => void;
  disabled: boolean;
}) {
  const id = useId();
  return (
    <FormControl size="small" style={{ minWidth: 200, marginBottom: 8 }}>
      <InputLabel id={id}>Scorecard</InputLabel>
      <Select
        labelId={id}
        value={props.rollup.scorecardId}
        disabled={props.disabled}
        onChange={e => props.onChange(e.target.value as string)}
      >
        {props.rollup.scorecards.map(s => (
          <MenuItem key={s.id} value={s.id}>
            {s.title}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

function RollupSummary(props: { rollup: Rollup; emptyText: string }) {
  const { rollup, emptyText } = props;
  if (rollup.entities === 0) {
    return (
      <EmptyState
        missing="data"
        title={emptyText}
        description="Entities count once OpsReady has evaluated them on this scorecard."
      />
    );
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box display="flex" alignItems="flex-start" style={{ gap: 16 }}>
        <Box width={160} flexShrink={0}>
          {rollup.averageScore !== null && (
            <Gauge
              value={rollup.averageScore / 100}
              getColor={({ palette, value }) => scoreColor(palette, value)}
            />
          )}
          <Typography variant="body2" align="center" aria-label="Average score">
            {rollup.averageScore === null
              ? 'No average yet'
              : `Average ${rollup.averageScore} / 100`}
          </Typography>
          <Typography
            variant="caption"
            color="textSecondary"
            component="p"
            align="center"
          >
            over {rollup.entities} scored{' '}
            {rollup.entities === 1 ? 'entity' : 'entities'}
          </Typography>
        </Box>
        <Box flexGrow={1} minWidth={0}>
          <Typography variant="subtitle2" component="h3">
            Levels
          </Typography>
          <LevelChips
            levelCounts={rollup.levelCounts}
            levelOrder={[...rollup.levels, 'none']}
          />
          <Typography variant="subtitle2" component="h3">
            Failing most
          </Typography>
          <WorstChecks checks={rollup.worstChecks} />
        </Box>
      </Box>
      <Breakdown parts={rollup.breakdown} moreParts={rollup.moreParts} />
    </Box>
  );
}
