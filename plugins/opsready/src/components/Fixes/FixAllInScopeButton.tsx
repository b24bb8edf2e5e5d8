import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import BuildIcon from '@material-ui/icons/Build';
import { useMemo, useState } from 'react';
import { CampaignEntity } from '../../api/OpsReadyApi';
import { FixAllDialog } from './FixAllDialog';
import { planFixes } from './fixPlan';

/**
 * "Fix all" for a set of a campaign's entities: opens the dialog that
 * lists what would be fixed and starts the fixes. Disabled, saying why,
 * while the entities load, when they cannot be read, or when nothing in
 * them can be fixed automatically.
 */
export function FixAllInScopeButton(props: {
  label: string;
  entities?: CampaignEntity[];
  /** Why there are no entities to look at (loading, an error). */
  unavailable?: string;
}) {
  const { label, entities, unavailable } = props;
  const [open, setOpen] = useState(false);
  const plan = useMemo(() => planFixes(entities ?? []), [entities]);
  const why =
    unavailable ??
    (plan.fixes.length === 0
      ? 'Nothing here can be fixed automatically: every item left needs a manual fix.'
      : undefined);

  const button = (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<BuildIcon />}
      disabled={!!why}
      onClick={() => setOpen(true)}
    >
      {label}
    </Button>
  );
  return (
    <>
      {why ? (
        <Tooltip title={why}>
          {/* A disabled button gets no mouse events: the span does. */}
          <span style={{ display: 'inline-block' }}>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {open && <FixAllDialog plan={plan} onClose={() => setOpen(false)} />}
    </>
  );
}
