import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EmptyState, Gauge, InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  EntityCheck,
  EntityEvaluation,
  isFixableCheck,
  opsreadyExemptionsManagePermission,
  opsreadyExemptionsRequestPermission,
} from '@opsready/plugin-opsready-common';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { scoreColor } from '../EntityOpsReadyCard/EntityOpsReadyCard';
import { describeNextLevel } from '../EntityOpsReadyCard/describeNextLevel';
import { RelativeTime } from '../RelativeTime';
import { EntityCampaignsCard } from '../Campaigns';
import { AsyncContent, notAllowedReasons } from '../shared';
import { FixAllFixableButton, useFixProposals } from '../Fixes';
import { ChecksByCategory, needsAttention } from './ChecksByCategory';
import { ExemptionDecisionDialog } from './ExemptionDecisionDialog';
import { ExemptionDialog } from './ExemptionDialog';
import { RunChecksButton } from './RunChecksButton';
import { PendingScoreNote } from '../PendingChecks';
import { ScoreTrendChart } from './ScoreTrendChart';
import { ScorecardAbout } from './ScorecardAbout';
import { ScorecardTabs } from './ScorecardTabs';
import { scorecardView } from './scorecardView';

/**
 * The compliance tab: score, level and what the next level needs, the score
 * trend, the campaigns that ask something of the entity, and every check by
 * category with its evidence and fix. With several scorecards, a tab for
 * each (`?scorecard=` picks one) shows its score, level and checks.
 *
 * @public
 */
export function EntityComplianceContent() {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const api = useApi(opsreadyApiRef);
  const evaluation = useAsyncRetry(
    () => api.getEntityEvaluation(ref),
    [api, stringifyEntityRef(entity)],
  );
  const history = useAsyncRetry(
    () => api.getScoreHistory(ref),
    [api, stringifyEntityRef(entity)],
  );
  // A run or an exemption replaces what was loaded without a reload.
  const [latest, setLatest] = useState<EntityEvaluation>();
  useEffect(() => setLatest(evaluation.value), [evaluation.value]);
  const { allowed: mayExempt } = usePermission({
    permission: opsreadyExemptionsManagePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const { allowed: mayRequest } = usePermission({
    permission: opsreadyExemptionsRequestPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const proposals = useFixProposals(ref, latest?.evaluatedAt);
  const entityRef = stringifyEntityRef(entity);
  const [exempting, setExempting] = useState<EntityCheck>();
  const [deciding, setDeciding] = useState<EntityCheck>();
  const { search } = useLocation();
  const [scorecardId, setScorecardId] = useState(
    () => new URLSearchParams(search).get('scorecard') ?? undefined,
  );
  const reload = () => {
    evaluation.retry();
    history.retry();
  };

  const onEvaluated = (next: EntityEvaluation) => {
    setLatest(next);
    history.retry();
  };

  return (
    <AsyncContent
      loading={evaluation.loading}
      error={evaluation.error}
      value={latest}
    >
      {loaded => {
        const first = loaded.scorecards[0];
        const selected =
          loaded.scorecards.find(c => c.id === scorecardId) ?? first;
        const value = scorecardView(loaded, selected?.id);
        return (
          <>
            {loaded.scorecards.length > 1 && (
              <Box mb={2}>
                <ScorecardTabs
                  scorecards={loaded.scorecards}
                  selected={selected.id}
                  onSelect={setScorecardId}
                />
              </Box>
            )}
            {value.checks.length === 0 || value.score === null ? (
              <EmptyState
                missing="info"
                title={
                  selected && selected !== first
                    ? `No check of ${selected.title} applies to this entity`
                    : 'No OpsReady checks apply to this entity'
                }
                description="OpsReady scores components. Checks can be narrowed or disabled in app-config under opsready.checks, and scorecards set under opsready.scorecards."
              />
            ) : (
              <Grid container spacing={3}>
                <Grid item xs={12} md={4}>
                  <InfoCard title={selected?.title ?? 'Compliance'}>
                    <ScoreSummary evaluation={value} />
                    <Box mt={2}>
                      <RunChecksButton
                        entity={ref}
                        previousScore={value.score}
                        onEvaluated={onEvaluated}
                      />
                    </Box>
                  </InfoCard>
                </Grid>
                <Grid item xs={12} md={8}>
                  {selected && selected !== first ? (
                    <ScorecardAbout scorecard={selected} />
                  ) : (
                    <InfoCard title="Score trend" subheader="Last 30 days">
                      <AsyncContent {...history}>
                        {h => <ScoreTrendChart points={h.items} />}
                      </AsyncContent>
                    </InfoCard>
                  )}
                </Grid>
                <EntityCampaignsCard
                  entity={ref}
                  evaluatedAt={value.evaluatedAt}
                />
                <Grid item xs={12}>
                  <InfoCard
                    title="Checks"
                    action={
                      <FixAllFixableButton
                        entityRef={entityRef}
                        checkIds={fixableWithoutProposal(
                          value.checks,
                          proposals,
                        )}
                      />
                    }
                  >
                    <ChecksByCategory
                      checks={value.checks}
                      fixes={{ entityRef, proposals }}
                      exemptions={{
                        mode: mayExempt ? 'grant' : 'request',
                        notAllowed:
                          mayExempt || mayRequest
                            ? undefined
                            : notAllowedReasons.requestExemption,
                        onExempt: setExempting,
                        onDecide: mayExempt ? setDeciding : undefined,
                      }}
                    />
                  </InfoCard>
                </Grid>
                {exempting && (
                  <ExemptionDialog
                    entity={ref}
                    check={exempting}
                    mode={mayExempt ? 'grant' : 'request'}
                    onClose={() => setExempting(undefined)}
                    onDone={() => {
                      setExempting(undefined);
                      reload();
                    }}
                  />
                )}
                {deciding?.exemptionRequest && (
                  <ExemptionDecisionDialog
                    check={{
                      ...deciding,
                      exemptionRequest: deciding.exemptionRequest,
                    }}
                    onClose={() => setDeciding(undefined)}
                    onDecided={() => {
                      setDeciding(undefined);
                      reload();
                    }}
                  />
                )}
              </Grid>
            )}
          </>
        );
      }}
    </AsyncContent>
  );
}

/**
 * The checks one fix can take on: those that do not pass, that OpsReady can
 * fix, and whose fix is not already waiting for review.
 */
function fixableWithoutProposal(
  checks: EntityCheck[],
  proposals: ReadonlyMap<string, unknown>,
): string[] {
  return checks
    .filter(
      c =>
        needsAttention(c.result.status) &&
        isFixableCheck(c.id) &&
        !proposals.has(c.id),
    )
    .map(c => c.id);
}

function ScoreSummary({ evaluation }: { evaluation: EntityEvaluation }) {
  return (
    <Box display="flex" flexDirection="column" alignItems="center">
      <Box width={180}>
        <Gauge
          value={(evaluation.score ?? 0) / 100}
          getColor={({ palette, value }) => scoreColor(palette, value)}
        />
      </Box>
      <Typography variant="h6" component="p" aria-label="Compliance score">
        Score {evaluation.score} / 100
      </Typography>
      <Chip
        label={evaluation.level ? `Level: ${evaluation.level}` : 'No level yet'}
      />
      <Typography variant="body2" align="center" style={{ marginTop: 8 }}>
        {evaluation.nextLevel
          ? describeNextLevel(evaluation.nextLevel)
          : 'Top level reached.'}
      </Typography>
      <PendingScoreNote checks={evaluation.checks} />
      <Typography variant="caption" color="textSecondary">
        Evaluated <RelativeTime iso={evaluation.evaluatedAt} />
      </Typography>
    </Box>
  );
}
