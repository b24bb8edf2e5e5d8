/**
 * The OpsReady backend plugin: checks, scores, health, deployments and errors
 * of every catalog entity, over an authenticated REST API.
 *
 * @packageDocumentation
 */

export { opsreadyPlugin as default } from './plugin';
