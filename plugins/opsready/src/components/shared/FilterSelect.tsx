import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useId } from 'react';

/**
 * A labelled drop-down filter whose first choice, the empty value, is "All"
 * unless `emptyLabel` names what it stands for.
 */
export function FilterSelect(props: {
  label: string;
  value: string;
  options: ReadonlyArray<string | { value: string; label: string }>;
  onChange: (value: string) => void;
  emptyLabel?: string;
}) {
  const { label, value, options, onChange, emptyLabel = 'All' } = props;
  const id = useId();
  return (
    <FormControl size="small" style={{ minWidth: 160 }}>
      <InputLabel id={id} shrink>
        {label}
      </InputLabel>
      <Select
        displayEmpty
        labelId={id}
        value={value}
        onChange={e => onChange(e.target.value as string)}
      >
        <MenuItem value="">{emptyLabel}</MenuItem>
        {options.map(option => {
          const { value: v, label: l } =
            typeof option === 'string'
              ? { value: option, label: option }
              : option;
          return (
            <MenuItem key={v} value={v}>
              {l}
            </MenuItem>
          );
        })}
      </Select>
    </FormControl>
  );
}
