import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { RollupCheck, RollupPart } from '@opsready/plugin-opsready-common';

/**
 * Entities per level, highest level first and `none` last, as chips whose
 * text says the count: a colour-blind reader loses nothing.
 */
export function LevelChips(props: {
  levelCounts: Record<string, number>;
  levelOrder: ReadonlyArray<string>;
}) {
  const { levelCounts, levelOrder } = props;
  const rank = (level: string) => {
    const index = levelOrder.indexOf(level);
    return index === -1 ? levelOrder.length : index;
  };
  const levels = Object.keys(levelCounts).sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  return (
    <div aria-label="Entities per level" role="list">
      {levels.map(level => (
        <Chip
          role="listitem"
          key={level}
          size="small"
          style={{ marginRight: 4, marginBottom: 4 }}
          label={`${level === 'none' ? 'No level' : level}: ${
            levelCounts[level]
          }`}
        />
      ))}
    </div>
  );
}

/** The checks failing on the most entities covered. */
export function WorstChecks({ checks }: { checks: RollupCheck[] }) {
  if (checks.length === 0) {
    return (
      <Typography variant="body2">
        No check of this scorecard fails here.
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-label="Checks failing most">
      {checks.map(check => (
        <ListItem key={check.checkId} disableGutters>
          <ListItemText
            primary={check.title}
            secondary={`Failing on ${check.failing} ${
              check.failing === 1 ? 'entity' : 'entities'
            }`}
          />
        </ListItem>
      ))}
    </List>
  );
}

/** Where the score comes from: each part one step down, linked to its page. */
export function Breakdown({
  parts,
  moreParts,
}: {
  parts: RollupPart[];
  /** Parts the answer left out, past the worst ones it lists. */
  moreParts: number;
}) {
  if (parts.length === 0) return null;
  return (
    <>
      <Table size="small" aria-label="Where the score comes from">
        <TableHead>
          <TableRow>
            <TableCell>Part</TableCell>
            <TableCell align="right">Scored</TableCell>
            <TableCell align="right">Average</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {parts.map(part => (
            <TableRow key={part.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={part.entityRef} title={part.title} />
              </TableCell>
              <TableCell align="right">{part.entities}</TableCell>
              <TableCell align="right">
                {part.averageScore === null ? '–' : part.averageScore}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {moreParts > 0 && (
        <Typography variant="body2" color="textSecondary">
          and {moreParts} more, each scoring better than those listed
        </Typography>
      )}
    </>
  );
}
