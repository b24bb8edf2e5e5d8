// Shared with the scaffolder module, whose template runs score a new
// service with the checks as configured here.
export { applyCheckConfig } from '@opsready/plugin-opsready-node';
