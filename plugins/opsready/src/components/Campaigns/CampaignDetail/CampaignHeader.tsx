import { InfoCard, MarkdownContent } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { CampaignSummary, opsreadyApiRef } from '../../../api/OpsReadyApi';
import {
  CampaignProgressBar,
  CampaignStateChip,
  DeadlineLabel,
} from '../CampaignLabels';
import { dayLabel } from '../campaignWords';

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

/** "Documentation, Probes must pass; level gold or above". */
function goalText(
  campaign: CampaignSummary,
  titles: ReadonlyMap<string, string>,
): string {
  const parts: string[] = [];
  const checks = (campaign.goal.checks ?? []).map(id => titles.get(id) ?? id);
  if (checks.length > 0) {
    parts.push(`${checks.join(', ')} must pass`);
  }
  if (campaign.goal.minLevel)
    parts.push(`level ${campaign.goal.minLevel} or above`);
  return parts.join('; ') || '—';
}

/**
 * What the campaign is: its owner, state, dates and goal, whether the gate
 * enforces it, what it asks and why it matters, and its figures.
 */
export function CampaignHeader(props: {
  campaign: CampaignSummary;
  actions: ReactNode;
}) {
  const { campaign, actions } = props;
  const { figures } = campaign;
  const api = useApi(opsreadyApiRef);
  // Check titles for the goal; their ids while (or if not) read.
  const checks = useAsync(() => api.getChecks(), [api]);
  const titles = new Map(checks.value?.items.map(c => [c.id, c.title]));
  return (
    <InfoCard
      title={
        <Typography variant="h5" component="h2">
          {campaign.name}
        </Typography>
      }
      action={<CampaignStateChip state={campaign.state} />}
    >
      <Box display="flex" flexWrap="wrap">
        <Fact label="Owner">
          <EntityRefLink entityRef={campaign.owner} defaultKind="group" />
        </Fact>
        <Fact label="Starts">{dayLabel(campaign.startsAt)}</Fact>
        <Fact label="Deadline">
          <DeadlineLabel deadline={campaign.deadline} state={campaign.state} />
        </Fact>
        <Fact label="Goal">{goalText(campaign, titles)}</Fact>
        <Fact label="Enforced">
          {campaign.enforce
            ? 'Yes: after the deadline, the deployment gate fails entities with items left'
            : 'No'}
        </Fact>
      </Box>
      <Grid container spacing={2} component="dl" aria-label="Figures">
        {(
          [
            ['In scope', figures.total],
            ['Done', figures.done],
            ['Exempt', figures.exempt],
            ['Left', figures.open],
          ] as const
        ).map(([label, value]) => (
          <Grid item key={label} xs={3}>
            <Typography component="dt" variant="caption" color="textSecondary">
              {label}
            </Typography>
            <Typography component="dd" variant="h5" style={{ margin: 0 }}>
              {value}
            </Typography>
          </Grid>
        ))}
      </Grid>
      <Box maxWidth={400} mt={1}>
        <CampaignProgressBar figures={figures} label="Progress" />
      </Box>
      {campaign.description && (
        <Box mt={2}>
          <MarkdownContent content={campaign.description} />
        </Box>
      )}
      {campaign.rationale && (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Why it matters
          </Typography>
          <MarkdownContent content={campaign.rationale} />
        </Box>
      )}
      <Box mt={2}>{actions}</Box>
    </InfoCard>
  );
}
