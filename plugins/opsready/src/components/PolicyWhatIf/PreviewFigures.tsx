import { EmptyState, InfoCard } from '@backstage/core-components';
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

/** What the whole preview and each scorecard's part of it have alike. */
export type Figures = Pick<
  ScorecardPreview,
  | 'entities'
  | 'changed'
  | 'groups'
  | 'scoreDelta'
  | 'levelsBefore'
  | 'levelsAfter'
  | 'changes'
>;
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

function LevelsBeforeAfter({
  figures,
  label,
}: {
  figures: Figures;
  label: string;
}) {
  const levels = [
    ...new Set([
      ...Object.keys(figures.levelsBefore),
      ...Object.keys(figures.levelsAfter),
    ]),
  ];
  return (
    <Table size="small" aria-label={label}>
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
            <TableCell>{figures.levelsBefore[level] ?? 0}</TableCell>
            <TableCell>{figures.levelsAfter[level] ?? 0}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * One set of figures: how many entities change level, what changes, the
 * score change, the levels before and after, and the level changes by group.
 */
export function PreviewFigures({
  figures,
  levelsLabel = 'Entities per level, before and after',
}: {
  figures: Figures;
  /** Names the levels table, one per scorecard when there are several. */
  levelsLabel?: string;
}) {
  const { scoreDelta } = figures;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Typography variant="h6">
        {figures.changed} of {figures.entities} entities change level
      </Typography>
      {figures.changes.length > 0 && (
        <Typography variant="body2">
          Changes: {figures.changes.join(', ')}
        </Typography>
      )}
      <Typography variant="body2">
        Score change: min {signed(scoreDelta.min)}, average{' '}
        {signed(scoreDelta.avg)}, max {signed(scoreDelta.max)} over{' '}
        {scoreDelta.scored} scored entities
      </Typography>
      <LevelsBeforeAfter figures={figures} label={levelsLabel} />
      {figures.groups.length === 0 ? (
        <EmptyState
          missing="data"
          title="No entity changes level"
          description="With this candidate every entity keeps the level it has."
        />
      ) : (
        figures.groups.map(group => (
          <LevelChanges key={group.summary} group={group} />
        ))
      )}
    </Box>
  );
}
