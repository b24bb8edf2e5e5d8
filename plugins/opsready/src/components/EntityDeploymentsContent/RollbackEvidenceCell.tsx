import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { Deployment, RollbackEvidence } from '@opsready/plugin-opsready-common';
import { useState } from 'react';
import { QueriesShown } from '../shared';
import {
  evidenceFigures,
  evidenceSummary,
  evidenceWindow,
  triggerLabel,
} from './rollbackEvidenceWords';

/**
 * What the request metrics said after a deployment, one line per trigger,
 * fired or not; the window, the server and the query in a dialog, for
 * those who want to check the figures themselves.
 */
export function RollbackEvidenceCell(props: { deployment: Deployment }) {
  const { deployment } = props;
  const evidence = deployment.rollbackEvidence ?? [];
  const [open, setOpen] = useState(false);
  if (evidence.length === 0) return <>—</>;
  return (
    <Box>
      {evidence.map(e => (
        <Typography
          key={e.trigger}
          variant="body2"
          component="div"
          style={{ whiteSpace: 'nowrap' }}
        >
          <FiredMark fired={e.fired} /> {evidenceSummary(e)}
        </Typography>
      ))}
      <Button
        size="small"
        onClick={() => setOpen(true)}
        aria-label={`Rollback evidence for ${deployment.version}`}
      >
        Evidence
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="md">
        <DialogTitle>
          Rollback evidence for {deployment.version} to {deployment.environment}
        </DialogTitle>
        <DialogContent>
          {evidence.map(e => (
            <EvidenceDetail key={e.trigger} evidence={e} />
          ))}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

function FiredMark({ fired }: { fired: boolean }) {
  return (
    <Box
      component="span"
      fontWeight={600}
      color={fired ? 'error.main' : 'text.secondary'}
    >
      {fired ? 'Fired' : 'Not fired'}
    </Box>
  );
}

function EvidenceDetail({ evidence: e }: { evidence: RollbackEvidence }) {
  return (
    <Box component="section" aria-label={`${triggerLabel(e)} trigger`} mb={2}>
      <Typography variant="subtitle1" component="h3">
        {triggerLabel(e)}: <FiredMark fired={e.fired} />
      </Typography>
      <Typography variant="body2">{evidenceFigures(e)}</Typography>
      {e.message && <Typography variant="body2">{e.message}</Typography>}
      <Typography variant="caption" color="textSecondary" component="p">
        After: {evidenceWindow(e)}; before: the hour before the deployment
        {e.server ? `; asked of ${e.server}` : ''}
      </Typography>
      <QueriesShown queries={[e.query]} />
    </Box>
  );
}
