import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { DialogSubmitActions } from '../shared';
import { FixPlan, PlannedFix } from './fixPlan';
import { FixTaskState, useStartFixTasks } from './useStartFixTasks';
import { useFixLinks } from './useFixLinks';

function TaskStatus({ state }: { state?: FixTaskState }) {
  const { taskUrl } = useFixLinks();
  switch (state?.status) {
    case 'waiting':
      return <>Waiting</>;
    case 'starting':
      return <>Starting…</>;
    case 'started':
      return <Link to={taskUrl(state.taskId)}>Started: follow the task</Link>;
    case 'failed':
      return (
        <Typography component="span" variant="body2" color="error">
          Not started: {state.message}
        </Typography>
      );
    default:
      return null;
  }
}

function FixRow(props: { fix: PlannedFix; state?: FixTaskState }) {
  const { fix, state } = props;
  return (
    <Box component="li" mb={1} aria-label={fix.entityRef}>
      <EntityRefLink entityRef={fix.entityRef} /> → {fix.checkTitles.join(', ')}
      {fix.manualTitles.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Still by hand: {fix.manualTitles.join(', ')}
        </Typography>
      )}
      {state && (
        <Typography variant="body2" component="div" role="status">
          <TaskStatus state={state} />
        </Typography>
      )}
    </Box>
  );
}

/**
 * Asks before starting the fixes: which entities get a change and for
 * which checks, and which need a manual fix. On confirm one task starts
 * per entity, each shown with its status and, once started, its link.
 */
export function FixAllDialog(props: { plan: FixPlan; onClose: () => void }) {
  const { plan, onClose } = props;
  const { start, states, running } = useStartFixTasks();
  const started = Object.keys(states).length > 0;
  const count = plan.fixes.length;

  return (
    <Dialog open onClose={onClose} aria-labelledby="opsready-fix-all" fullWidth>
      <DialogTitle id="opsready-fix-all">
        Fix {count} {count === 1 ? 'entity' : 'entities'}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          Each entity gets one change to its repository, generated and verified
          by OpsReady, then proposed for review.
        </Typography>
        <Box component="ul" pl={2} aria-label="Entities to fix">
          {plan.fixes.map(fix => (
            <FixRow
              key={fix.entityRef}
              fix={fix}
              state={states[fix.entityRef]}
            />
          ))}
        </Box>
        {plan.manual.length > 0 && (
          <>
            <Typography variant="subtitle2" component="h3">
              Needs a manual fix
            </Typography>
            <Box component="ul" pl={2} aria-label="Needs a manual fix">
              {plan.manual.map(ref => (
                <Box component="li" key={ref}>
                  <EntityRefLink entityRef={ref} />
                </Box>
              ))}
            </Box>
          </>
        )}
      </DialogContent>
      <DialogSubmitActions
        dismissLabel={started && !running ? 'Close' : 'Cancel'}
        onDismiss={onClose}
        submit={
          started
            ? undefined
            : {
                label: `Start ${count} ${count === 1 ? 'fix' : 'fixes'}`,
                onClick: () => start?.(plan.fixes),
                saving: running,
                notAllowed: start
                  ? undefined
                  : 'The scaffolder is not installed in this app.',
              }
        }
      />
    </Dialog>
  );
}
