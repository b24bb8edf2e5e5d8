export { EntityOpsReadyCard } from './EntityOpsReadyCard';
