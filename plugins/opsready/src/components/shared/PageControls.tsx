import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/** Previous / next under a server-paged list. */
export function PageControls(props: {
  pageNumber: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous: () => void;
  next: () => void;
  loading?: boolean;
}) {
  const { pageNumber, hasPrevious, hasNext, previous, next, loading } = props;
  if (!hasPrevious && !hasNext) {
    return null;
  }
  return (
    <Box
      display="flex"
      justifyContent="flex-end"
      alignItems="center"
      mt={1}
      style={{ gap: 8 }}
    >
      <Typography variant="body2" color="textSecondary">
        Page {pageNumber}
      </Typography>
      <Button
        size="small"
        disabled={!hasPrevious || loading}
        onClick={previous}
      >
        Previous page
      </Button>
      <Button size="small" disabled={!hasNext || loading} onClick={next}>
        Next page
      </Button>
    </Box>
  );
}
