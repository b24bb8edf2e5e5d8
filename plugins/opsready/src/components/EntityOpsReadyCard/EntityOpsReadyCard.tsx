import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Gauge,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  CheckStatus,
  EntityEvaluation,
} from '@opsready/plugin-opsready-common';
import useAsync from 'react-use/esm/useAsync';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { CheckStatusIcon } from '../CheckStatusIcon';
import { errorTitle } from '../errorTitle';
import { MaintenanceNotice } from '../Maintenance';
import {
  pendingChecks,
  pendingLabel,
  PendingScoreNote,
} from '../PendingChecks';
import { RelativeTime } from '../RelativeTime';
import { describeNextLevel } from './describeNextLevel';
import { OwnersTold } from './OwnersTold';
import { ScorecardList } from './ScorecardList';
import { ServiceState } from './ServiceState';

const MAX_SHOWN = 5;

// Failing first, then broken, then unknown, then warnings; passes are not
// listed on the overview.
const ATTENTION_ORDER: Partial<Record<CheckStatus, number>> = {
  fail: 0,
  error: 1,
  unknown: 2,
  warn: 3,
};

const COUNT_LABELS: Array<[CheckStatus, string]> = [
  ['pass', 'passing'],
  ['fail', 'failing'],
  ['warn', 'warning'],
  ['error', 'broken'],
  ['unknown', 'unknown'],
  ['pending', 'pending'],
];

/**
 * The overview card: the entity's compliance score and the checks behind it.
 *
 * @public
 */
export function EntityOpsReadyCard() {
  const { entity } = useEntity();
  const api = useApi(opsreadyApiRef);
  const { value, loading, error } = useAsync(
    () => api.getEntityEvaluation(getCompoundEntityRef(entity)),
    [api, entity],
  );

  return (
    <InfoCard title="OpsReady" subheader="Compliance with the golden path">
      <MaintenanceNotice entity={getCompoundEntityRef(entity)} />
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} title={errorTitle(error)} />}
      {value && <EvaluationSummary evaluation={value} />}
      {value && (
        <ScorecardList
          entity={getCompoundEntityRef(entity)}
          scorecards={value.scorecards}
        />
      )}
      {value && <ServiceState entity={getCompoundEntityRef(entity)} />}
      {value && <OwnersTold entity={getCompoundEntityRef(entity)} />}
    </InfoCard>
  );
}

function EvaluationSummary({ evaluation }: { evaluation: EntityEvaluation }) {
  if (evaluation.checks.length === 0 || evaluation.score === null) {
    return (
      <EmptyState
        missing="info"
        title="No OpsReady checks apply to this entity"
        description="OpsReady scores components. Checks can be narrowed or disabled in app-config under opsready.checks."
      />
    );
  }
  const applicable = evaluation.checks.filter(
    check => check.result.status !== 'not-applicable',
  );
  const needsAttention = applicable
    .filter(
      check =>
        !check.exemption && ATTENTION_ORDER[check.result.status] !== undefined,
    )
    .sort(
      (a, b) =>
        ATTENTION_ORDER[a.result.status]! - ATTENTION_ORDER[b.result.status]! ||
        b.weight - a.weight,
    );
  const shown = needsAttention.slice(0, MAX_SHOWN);
  const pending = pendingChecks(applicable);
  return (
    <Box display="flex" alignItems="flex-start" style={{ gap: 16 }}>
      <Box width={160} flexShrink={0}>
        <Gauge
          value={evaluation.score / 100}
          getColor={({ palette, value }) => scoreColor(palette, value)}
        />
        <Typography
          variant="body2"
          align="center"
          aria-label="Compliance score"
        >
          Score {evaluation.score} / 100
        </Typography>
        <Box display="flex" justifyContent="center" mt={1}>
          <Chip
            size="small"
            label={
              evaluation.level ? `Level: ${evaluation.level}` : 'No level yet'
            }
          />
        </Box>
        {evaluation.nextLevel && (
          <Typography
            variant="caption"
            color="textSecondary"
            component="p"
            align="center"
          >
            {describeNextLevel(evaluation.nextLevel)}
          </Typography>
        )}
        <PendingScoreNote checks={evaluation.checks} />
      </Box>
      <Box flexGrow={1} minWidth={0}>
        <Typography variant="body2" aria-label="Check counts">
          {countsLine(applicable)}
        </Typography>
        {shown.length === 0 ? (
          <Typography variant="body2">
            Every applicable check passes.
          </Typography>
        ) : (
          <Typography variant="subtitle2" component="h3">
            Needs attention
          </Typography>
        )}
        <List dense disablePadding aria-label="Checks that need attention">
          {shown.map(check => (
            <ListItem key={check.id} disableGutters>
              <ListItemText
                primary={
                  <>
                    <CheckStatusIcon status={check.result.status} />{' '}
                    {check.title}
                  </>
                }
                secondary={check.result.message}
              />
            </ListItem>
          ))}
        </List>
        {needsAttention.length > shown.length && (
          <Typography variant="body2" color="textSecondary">
            and {needsAttention.length - shown.length} more
          </Typography>
        )}
        {pending.length > 0 && (
          <>
            <Typography variant="subtitle2" component="h3">
              Waiting for data
            </Typography>
            <List dense disablePadding aria-label="Checks waiting for data">
              {pending.map(check => (
                <ListItem key={check.id} disableGutters>
                  <ListItemText
                    primary={
                      <>
                        <CheckStatusIcon status="pending" /> {check.title}
                      </>
                    }
                    secondary={pendingLabel(check)}
                  />
                </ListItem>
              ))}
            </List>
          </>
        )}
        <Typography variant="caption" color="textSecondary">
          Evaluated <RelativeTime iso={evaluation.evaluatedAt} />
        </Typography>
      </Box>
    </Box>
  );
}

/**
 * The gauge's colour for a score in percent (what Gauge passes to
 * getColor): ok from 80, warning from 50, error below.
 */
export function scoreColor(
  palette: { status: { ok: string; warning: string; error: string } },
  percent: number,
): string {
  if (percent >= 80) return palette.status.ok;
  if (percent >= 50) return palette.status.warning;
  return palette.status.error;
}

function countsLine(checks: EntityEvaluation['checks']): string {
  return COUNT_LABELS.map(([status, label]) => {
    const n = checks.filter(c => c.result.status === status).length;
    return n ? `${n} ${label}` : '';
  })
    .filter(Boolean)
    .join(' · ');
}
