import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import {
  EntityEvaluation,
  opsreadyChecksRunPermission,
} from '@opsready/plugin-opsready-common';
import { useState } from 'react';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { errorTitle } from '../errorTitle';
import { notAllowedReasons, WhyNotAllowed } from '../shared';

/**
 * "Run checks now", with progress while the backend evaluates and the
 * outcome when it is done; disabled, saying why, for users who may not.
 */
export function RunChecksButton(props: {
  entity: CompoundEntityRef;
  previousScore: number | null;
  onEvaluated: (evaluation: EntityEvaluation) => void;
}) {
  const { entity, previousScore, onEvaluated } = props;
  const api = useApi(opsreadyApiRef);
  const { allowed, loading } = usePermission({
    permission: opsreadyChecksRunPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<string>();
  const [failure, setFailure] = useState<string>();

  if (loading) {
    return null;
  }

  const run = async () => {
    setRunning(true);
    setOutcome(undefined);
    setFailure(undefined);
    try {
      const evaluation = await api.refreshEntityEvaluation(entity);
      setOutcome(describeChange(previousScore, evaluation.score));
      onEvaluated(evaluation);
    } catch (e) {
      setFailure(`Could not run the checks: ${errorTitle(e as Error)}`);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Box display="flex" alignItems="center" style={{ gap: 12 }}>
      <WhyNotAllowed reason={allowed ? undefined : notAllowedReasons.runChecks}>
        <Button
          variant="outlined"
          color="primary"
          onClick={run}
          disabled={running || !allowed}
          startIcon={running ? <CircularProgress size={16} /> : undefined}
        >
          {running ? 'Running checks…' : 'Run checks now'}
        </Button>
      </WhyNotAllowed>
      {outcome && (
        <Typography variant="body2" role="status">
          {outcome}
        </Typography>
      )}
      {failure && (
        <Typography variant="body2" color="error" role="alert">
          {failure}
        </Typography>
      )}
    </Box>
  );
}

function describeChange(before: number | null, after: number | null): string {
  if (after === null) return 'Checks ran: no scored check applies.';
  if (before === null || before === after) {
    return `Checks ran: score ${after} / 100.`;
  }
  return `Checks ran: score ${after} / 100 (was ${before}).`;
}
