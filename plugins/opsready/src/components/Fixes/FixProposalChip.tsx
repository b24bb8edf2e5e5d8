import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import BuildIcon from '@material-ui/icons/Build';
import { FixProposal } from '@opsready/plugin-opsready-common';
import { proposalTarget } from './fixLinks';

/**
 * "Fix proposed": the change waiting for review. A pull or merge request
 * opens in a new tab; a branch of a local repository cannot be opened from
 * the browser, so its branch and path are shown, selectable to copy.
 */
export function FixProposalChip({ proposal }: { proposal: FixProposal }) {
  const target = proposalTarget(proposal.url);
  const who = `Proposed by ${proposal.createdBy}`;

  if (target.kind === 'web') {
    return (
      <Tooltip title={proposal.title ? `${proposal.title} — ${who}` : who}>
        <Chip
          icon={<BuildIcon />}
          label="Fix proposed"
          size="small"
          color="primary"
          variant="outlined"
          clickable
          component="a"
          href={target.href}
          target="_blank"
          rel="noopener noreferrer"
        />
      </Tooltip>
    );
  }

  const where =
    target.kind === 'local'
      ? `${proposal.branch ? `branch ${proposal.branch} in ` : ''}${
          target.path
        }`
      : target.text;
  return (
    <Box display="inline-flex" alignItems="center" style={{ gap: 8 }}>
      <Tooltip title={`${where} — ${who}`}>
        <Chip
          icon={<BuildIcon />}
          label="Fix proposed"
          size="small"
          color="primary"
          variant="outlined"
        />
      </Tooltip>
      <Typography
        variant="caption"
        component="code"
        aria-label="Where the fix is"
      >
        {where}
      </Typography>
    </Box>
  );
}
