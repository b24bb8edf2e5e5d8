import { MarkdownContent } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  CheckCategory,
  CheckStatus,
  EntityCheck,
  FixProposal,
} from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import { CheckStatusIcon } from '../CheckStatusIcon';
import { CheckFixControls } from '../Fixes';
import { PendingChip } from '../PendingChecks';
import { WhyNotAllowed } from '../shared';
import { KEPT_FROM_KEYS, KeptRepositoryFacts } from './KeptRepositoryFacts';

const CATEGORY_TITLES: Record<CheckCategory, string> = {
  catalog: 'Catalog metadata',
  health: 'Health',
  observability: 'Observability',
  kubernetes: 'Kubernetes workloads',
  repository: 'Repository',
  delivery: 'Delivery',
};

// What needs someone first (below 4); then what waits for its first data,
// passes and not-applicable last.
const STATUS_ORDER: Record<CheckStatus, number> = {
  fail: 0,
  error: 1,
  unknown: 2,
  warn: 3,
  pending: 4,
  pass: 5,
  'not-applicable': 6,
};

/** Whether a check's status asks for someone: fail, error, unknown, warn. */
export function needsAttention(status: CheckStatus): boolean {
  return STATUS_ORDER[status] < 4;
}

/** The fixes of the entity's checks: generated ones, and those proposed. */
export interface CheckFixes {
  entityRef: string;
  /** The open proposal of each check that has one. */
  proposals: ReadonlyMap<string, FixProposal>;
}

/** What the user may do about exemptions, and where it leads. */
export interface ExemptionActions {
  /** Managers grant outright; owners ask. */
  mode: 'grant' | 'request';
  /** Why the user may not ask either: the button is disabled and says so. */
  notAllowed?: string;
  onExempt: (check: EntityCheck) => void;
  /** Present for managers: decide a request that waits. */
  onDecide?: (check: EntityCheck) => void;
}

/**
 * Every check of the entity, grouped by category, failing first: status in
 * words, the message, the evidence behind it, how to fix it, the exemption
 * in force or the request for one that waits.
 */
export function ChecksByCategory(props: {
  checks: EntityCheck[];
  exemptions?: ExemptionActions;
  fixes?: CheckFixes;
}) {
  const { checks, exemptions, fixes } = props;
  const categories = [...new Set(checks.map(c => c.category))];
  return (
    <>
      {categories.map(category => {
        const inCategory = checks
          .filter(c => c.category === category)
          .sort(
            (a, b) =>
              STATUS_ORDER[a.result.status] - STATUS_ORDER[b.result.status] ||
              b.weight - a.weight,
          );
        const failing = inCategory.filter(
          c => needsAttention(c.result.status) && !c.exemption,
        ).length;
        return (
          <section key={category} aria-label={CATEGORY_TITLES[category]}>
            <Box mt={2} mb={1}>
              <Typography variant="h6" component="h3">
                {CATEGORY_TITLES[category] ?? category}{' '}
                <Typography
                  component="span"
                  variant="body2"
                  color="textSecondary"
                >
                  {failing
                    ? `${failing} of ${inCategory.length} need attention`
                    : `all ${inCategory.length} fine`}
                </Typography>
              </Typography>
            </Box>
            {inCategory.map(check => (
              <CheckRow
                key={check.id}
                check={check}
                exemptions={exemptions}
                fixes={fixes}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}

const formatDate = (iso: string) =>
  DateTime.fromISO(iso).toLocaleString(DateTime.DATE_MED);

function CheckRow(props: {
  check: EntityCheck;
  exemptions?: ExemptionActions;
  fixes?: CheckFixes;
}) {
  const { check, exemptions, fixes } = props;
  const request = check.exemptionRequest;
  const attention = needsAttention(check.result.status);
  const proposal = attention ? fixes?.proposals.get(check.id) : undefined;
  // What the backend adds for kept repository facts is said in words above.
  const evidence = Object.entries(check.result.evidence ?? {}).filter(
    ([key]) => !KEPT_FROM_KEYS.includes(key),
  );
  return (
    <Accordion
      defaultExpanded={attention && !check.exemption}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Box display="flex" flexDirection="column">
          <Typography variant="body1">
            <CheckStatusIcon status={check.result.status} /> {check.title}
            {check.result.status === 'pending' && !check.exemption && (
              <PendingChip check={check} />
            )}
            {check.exemption && (
              <Typography
                component="span"
                variant="body2"
                color="textSecondary"
              >
                {' '}
                — exempt until {formatDate(check.exemption.expiresAt)}
              </Typography>
            )}
            {request && (
              <Typography
                component="span"
                variant="body2"
                color="textSecondary"
              >
                {' '}
                — exemption requested
              </Typography>
            )}
            {proposal && (
              <Typography
                component="span"
                variant="body2"
                color="textSecondary"
              >
                {' '}
                — fix proposed
              </Typography>
            )}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {check.result.message}
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails>
        <Box display="flex" flexDirection="column" width="100%">
          <Typography variant="body2" paragraph>
            {check.description} Severity {check.severity}, weight {check.weight}
            .
          </Typography>
          <KeptRepositoryFacts evidence={check.result.evidence} />
          {evidence.length > 0 && (
            <>
              <Typography variant="subtitle2">Evidence</Typography>
              <Box component="dl" mt={0}>
                {evidence.map(([key, value]) => (
                  <Typography key={key} variant="body2" component="div">
                    <strong>{key}:</strong> {formatEvidence(value)}
                  </Typography>
                ))}
              </Box>
            </>
          )}
          {check.exemption && (
            <Typography variant="body2" paragraph>
              Exempted by {check.exemption.createdBy}: {check.exemption.reason}
            </Typography>
          )}
          {attention && (
            <>
              <Typography variant="subtitle2">How to fix</Typography>
              <MarkdownContent
                content={check.remediation}
                linkTarget="_blank"
              />
              {fixes && (
                <Box mb={1}>
                  <CheckFixControls
                    entityRef={fixes.entityRef}
                    checkId={check.id}
                    proposal={proposal}
                  />
                </Box>
              )}
            </>
          )}
          {request && (
            <Typography variant="body2" paragraph>
              {request.createdBy} asked for an exemption until{' '}
              {formatDate(request.expiresAt)}: {request.reason}
            </Typography>
          )}
          {exemptions && attention && !check.exemption && (
            <Box mt={1}>
              {request && exemptions.onDecide && (
                <Button
                  size="small"
                  onClick={() => exemptions.onDecide!(check)}
                >
                  Review the request
                </Button>
              )}
              {!request && (
                <WhyNotAllowed reason={exemptions.notAllowed}>
                  <Button
                    size="small"
                    disabled={!!exemptions.notAllowed}
                    onClick={() => exemptions.onExempt(check)}
                  >
                    {exemptions.mode === 'grant'
                      ? 'Grant an exemption'
                      : 'Request an exemption'}
                  </Button>
                </WhyNotAllowed>
              )}
            </Box>
          )}
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}

function formatEvidence(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
