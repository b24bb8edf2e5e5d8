import { MarkdownContent } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { useId, useState } from 'react';

/** A Markdown text with a preview of it as it will be shown. */
export function MarkdownField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  helperText: string;
  error?: string;
}) {
  const { label, value, onChange, helperText, error } = props;
  const id = useId();
  const [previewing, setPreviewing] = useState(false);
  return (
    <Box mb={1}>
      <TextField
        id={id}
        label={label}
        value={value}
        onChange={e => onChange(e.target.value)}
        fullWidth
        multiline
        minRows={3}
        margin="dense"
        error={Boolean(error)}
        helperText={error ?? helperText}
      />
      {value.trim() && (
        <Button size="small" onClick={() => setPreviewing(p => !p)}>
          {previewing ? `Hide the preview of ${label}` : `Preview ${label}`}
        </Button>
      )}
      {previewing && value.trim() && (
        <Box border={1} borderColor="divider" borderRadius={4} p={1}>
          <MarkdownContent content={value} />
        </Box>
      )}
    </Box>
  );
}
