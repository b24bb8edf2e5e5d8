import { FixProposal, isFixableCheck } from '@opsready/plugin-opsready-common';
import { FixItButton } from './FixItButton';
import { FixProposalChip } from './FixProposalChip';

/**
 * What the fixes offer for one check that does not pass: the proposal
 * waiting for review if there is one, else "Fix it" when OpsReady can
 * generate the fix; nothing for the checks fixed by hand.
 */
export function CheckFixControls(props: {
  entityRef: string;
  checkId: string;
  proposal?: FixProposal;
}) {
  const { entityRef, checkId, proposal } = props;
  if (proposal) {
    return <FixProposalChip proposal={proposal} />;
  }
  if (!isFixableCheck(checkId)) {
    return null;
  }
  return <FixItButton request={{ entityRef, checkIds: [checkId] }} />;
}
