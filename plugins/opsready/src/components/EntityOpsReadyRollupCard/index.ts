export { EntityOpsReadyRollupCard } from './EntityOpsReadyRollupCard';
