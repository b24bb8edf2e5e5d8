export { CheckFixControls } from './CheckFixControls';
export { FixAllFixableButton } from './FixAllFixableButton';
export { FixItButton } from './FixItButton';
export { FixProposalChip } from './FixProposalChip';
export { useFixProposals } from './useFixProposals';
export { FixAllInScopeButton } from './FixAllInScopeButton';
export { FixMyTeamsButton } from './FixMyTeamsButton';
