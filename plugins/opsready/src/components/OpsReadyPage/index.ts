export { OpsReadyPage } from './OpsReadyPage';
