import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import { KeyboardEvent, useId, useState } from 'react';

/**
 * A list of free-text values: typed, then added with Enter or a comma (or
 * by leaving the field), shown as chips that can be removed.
 */
export function ChipsField(props: {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  helperText?: string;
  error?: string;
}) {
  const { label, values, onChange, helperText, error } = props;
  const id = useId();
  const [draft, setDraft] = useState('');

  const add = () => {
    const added = draft
      .split(',')
      .map(v => v.trim())
      .filter(v => v && !values.includes(v));
    if (added.length > 0) onChange([...values, ...added]);
    setDraft('');
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && !draft && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <Box mb={1}>
      <TextField
        id={id}
        label={label}
        value={draft}
        onChange={e => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={add}
        fullWidth
        margin="dense"
        error={Boolean(error)}
        helperText={error ?? helperText}
      />
      {values.length > 0 && (
        <Box
          display="flex"
          flexWrap="wrap"
          style={{ gap: 4 }}
          aria-label={`${label} chosen`}
          role="list"
        >
          {values.map(value => (
            <Chip
              key={value}
              role="listitem"
              size="small"
              label={value}
              onDelete={() => onChange(values.filter(v => v !== value))}
            />
          ))}
        </Box>
      )}
    </Box>
  );
}
