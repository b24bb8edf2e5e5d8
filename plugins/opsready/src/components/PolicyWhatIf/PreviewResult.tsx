import { EmptyState, InfoCard, WarningPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ScorecardPreview } from '../../api/OpsReadyApi';

type Group = ScorecardPreview['groups'][number];

const score = (value: number | null) => (value === null ? '—' : value);
const signed = (value: number | null) =>
  value === null ? '—' : `${value > 0 ? '+' : ''}${value}`;

function LevelChanges({ group }: { group: Group }) {
  const unlisted = group.count - group.entities.length;
  return (
    <InfoCard title={group.summary}>
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} mb={1}>
        {group.causes.map(cause => (
          <Chip
            key={cause.change}
            size="small"
            label={`${cause.change} (${cause.entities})`}
          />
        ))}
      </Box>
      <Table size="small" aria-label={group.summary}>
        <TableHead>
          <TableRow>
            <TableCell>Entity</TableCell>
            <TableCell>Score before</TableCell>
            <TableCell>Score after</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {group.entities.map(entity => (
            <TableRow key={entity.entityRef}>
              <TableCell>
                <EntityRefLink
                  entityRef={entity.entityRef}
                  title={entity.title}
                />
              </TableCell>
              <TableCell>{score(entity.scoreBefore)}</TableCell>
              <TableCell>{score(entity.scoreAfter)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {unlisted > 0 && (
        <Typography variant="body2" color="textSecondary">
          and {unlisted} more not listed
        </Typography>
      )}
    </InfoCard>
  );
}

function LevelsBeforeAfter({ preview }: { preview: ScorecardPreview }) {
  const levels = [
    ...new Set([
      ...Object.keys(preview.levelsBefore),
      ...Object.keys(preview.levelsAfter),
    ]),
  ];
  return (
    <Table size="small" aria-label="Entities per level, before and after">
      <TableHead>
        <TableRow>
          <TableCell>Level</TableCell>
          <TableCell>Before</TableCell>
          <TableCell>After</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {levels.map(level => (
          <TableRow key={level}>
            <TableCell>{level}</TableCell>
            <TableCell>{preview.levelsBefore[level] ?? 0}</TableCell>
            <TableCell>{preview.levelsAfter[level] ?? 0}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** What a candidate would do: the changes read, level changes by group, figures. */
export function PreviewResult({ preview }: { preview: ScorecardPreview }) {
  const { scoreDelta } = preview;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Typography variant="h6">
        {preview.changed} of {preview.entities} entities change level
      </Typography>
      {preview.changes.length > 0 && (
        <Typography variant="body2">
          Changes: {preview.changes.join(', ')}
        </Typography>
      )}
      {preview.notPreviewed.map(item => (
        <WarningPanel
          key={item.change}
          severity="warning"
          title={`Not previewed: ${item.change}`}
          message={item.reason}
        />
      ))}
      <Typography variant="body2">
        Score change: min {signed(scoreDelta.min)}, average{' '}
        {signed(scoreDelta.avg)}, max {signed(scoreDelta.max)} over{' '}
        {scoreDelta.scored} scored entities
      </Typography>
      <LevelsBeforeAfter preview={preview} />
      {preview.groups.length === 0 ? (
        <EmptyState
          missing="data"
          title="No entity changes level"
          description="With this candidate every entity keeps the level it has."
        />
      ) : (
        preview.groups.map(group => (
          <LevelChanges key={group.summary} group={group} />
        ))
      )}
    </Box>
  );
}
