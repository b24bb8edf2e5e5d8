import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import { CheckCatalog } from '../../../api/OpsReadyApi';
import { FieldProblems } from './campaignForm';

/**
 * The goal: checks that must pass (from the checks in force) and a minimum
 * level (from the configured levels); one of the two at least.
 */
export function GoalFields(props: {
  catalog?: CheckCatalog;
  /** Why the checks and levels could not be read, if they could not. */
  catalogError?: string;
  checks: string[];
  minLevel: string;
  onChecks: (checks: string[]) => void;
  onMinLevel: (level: string) => void;
  problems: FieldProblems;
}) {
  const { catalog, catalogError, checks, minLevel, problems } = props;
  const checksId = useId();
  const levelId = useId();
  const titles = new Map(catalog?.items.map(c => [c.id, c.title]));

  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Goal
      </Typography>
      <FormControl fullWidth margin="dense" error={Boolean(problems.checks)}>
        <InputLabel id={checksId}>Checks that must pass</InputLabel>
        <Select
          labelId={checksId}
          multiple
          value={checks}
          onChange={e => props.onChecks(e.target.value as string[])}
          renderValue={selected =>
            (selected as string[]).map(id => titles.get(id) ?? id).join(', ')
          }
        >
          {catalog?.items.map(check => (
            <MenuItem key={check.id} value={check.id}>
              <Checkbox checked={checks.includes(check.id)} />
              <ListItemText primary={check.title} secondary={check.id} />
            </MenuItem>
          ))}
        </Select>
        <FormHelperText error={Boolean(problems.checks || catalogError)}>
          {problems.checks ??
            (catalogError && `The checks could not be read: ${catalogError}`) ??
            'Each must pass (or not apply) on every entity in scope'}
        </FormHelperText>
      </FormControl>
      <FormControl fullWidth margin="dense" error={Boolean(problems.minLevel)}>
        <InputLabel id={levelId}>Minimum level</InputLabel>
        <Select
          labelId={levelId}
          value={minLevel}
          onChange={e => props.onMinLevel(e.target.value as string)}
        >
          <MenuItem value="">No minimum level</MenuItem>
          {catalog?.levels.map(level => (
            <MenuItem key={level.name} value={level.name}>
              {level.name}
            </MenuItem>
          ))}
        </Select>
        <FormHelperText>
          {problems.minLevel ?? 'Reached, or a higher one'}
        </FormHelperText>
      </FormControl>
      {problems.goal && (
        <Typography variant="body2" color="error" role="alert">
          {problems.goal}
        </Typography>
      )}
    </>
  );
}
