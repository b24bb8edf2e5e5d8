import Button from '@material-ui/core/Button';
import Box from '@material-ui/core/Box';
import { CodeSnippet } from '@backstage/core-components';
import { useState } from 'react';

/**
 * The queries behind a figure, on demand: most readers want the figure, the
 * few who doubt it want the exact PromQL (or the endpoints probed) to paste.
 */
export function QueriesShown(props: { queries: string[]; label?: string }) {
  const { queries, label = 'query' } = props;
  const [open, setOpen] = useState(false);
  if (queries.length === 0) return null;
  const noun = queries.length === 1 ? label : `${label.replace(/y$/, 'ie')}s`;
  return (
    <Box mt={0.5}>
      <Button
        size="small"
        aria-expanded={open}
        onClick={() => setOpen(o => !o)}
      >
        {open ? `Hide ${noun}` : `Show ${noun}`}
      </Button>
      {open &&
        queries.map(q => <CodeSnippet key={q} language="text" text={q} />)}
    </Box>
  );
}
