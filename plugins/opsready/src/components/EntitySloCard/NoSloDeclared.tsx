import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

// The annotation names OpsReady reads (opsready-node's readSloSpec).
const EXAMPLE = `metadata:
  annotations:
    opsready.io/slo-availability: "99.9%"
    opsready.io/slo-latency: "p95 < 200ms"
    opsready.io/slo-window: "28d"`;

/** What a service without objectives sees: how to declare them. */
export function NoSloDeclared() {
  return (
    <Box data-testid="slo-none-declared">
      <Typography variant="subtitle1" component="p">
        No SLO declared
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Declare an availability target, a latency objective or both in the
        entity's annotations (or all three keys in one YAML block under{' '}
        <code>opsready.io/slo</code>); the window defaults to 28 days.
      </Typography>
      <CodeSnippet language="yaml" text={EXAMPLE} />
    </Box>
  );
}
