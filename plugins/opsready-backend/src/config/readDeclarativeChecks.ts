// Shared with the scaffolder, which verifies new services with these checks.
export { readDeclarativeChecks } from '@opsready/plugin-opsready-node';
