export {
  pendingChecks,
  PendingChip,
  pendingLabel,
  PendingScoreNote,
} from './PendingChecks';
