export { registerOpsReadyActions } from './registerOpsReadyActions';
export type { GateAnswer, OpsReadyActionsDeps } from './types';
