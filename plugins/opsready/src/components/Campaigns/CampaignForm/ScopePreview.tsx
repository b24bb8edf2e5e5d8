import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import WarningIcon from '@material-ui/icons/Warning';
import { PreviewState } from './useCampaignPreview';

function Warning({ children }: { children: string }) {
  return (
    <Box
      display="flex"
      alignItems="center"
      color="warning.main"
      style={{ gap: 4 }}
    >
      <WarningIcon fontSize="small" />
      <Typography variant="body2">{children}</Typography>
    </Box>
  );
}

/**
 * The line under the scope that says what it matches now: "Matches 42
 * entities", a warning when it matches none, or why it cannot be counted.
 */
export function ScopePreview({ state }: { state: PreviewState }) {
  let content;
  switch (state.status) {
    case 'idle':
      content = (
        <Typography variant="body2" color="textSecondary">
          Choose the goal to see which entities the campaign asks.
        </Typography>
      );
      break;
    case 'counting':
      content = (
        <Typography variant="body2" color="textSecondary">
          Counting the entities in scope…
        </Typography>
      );
      break;
    case 'refused':
      content = (
        <Typography variant="body2" color="textSecondary">
          {state.rest.length > 0
            ? `The entities cannot be counted: ${state.rest.join('; ')}`
            : 'Fix the problems marked to see which entities the campaign asks.'}
        </Typography>
      );
      break;
    default: {
      const { matching, sample, warnings } = state.preview;
      content = (
        <>
          {matching === 0 ? (
            <Warning>
              Matches no entity: nobody would be asked anything. Widen the
              scope.
            </Warning>
          ) : (
            <Typography variant="body2">
              {`Matches ${matching} ${matching === 1 ? 'entity' : 'entities'}`}
              {sample.length > 0 && (
                <Typography
                  component="span"
                  variant="body2"
                  color="textSecondary"
                >
                  {`, e.g. ${sample.slice(0, 3).join(', ')}`}
                </Typography>
              )}
            </Typography>
          )}
          {warnings.map(warning => (
            <Warning key={warning}>{warning}</Warning>
          ))}
        </>
      );
    }
  }
  return (
    <Box role="status" aria-live="polite" my={1}>
      {content}
    </Box>
  );
}
