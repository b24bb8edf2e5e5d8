/**
 * Scaffolder actions for OpsReady's golden templates.
 *
 * @packageDocumentation
 */

export { scaffolderModuleOpsReady as default } from './module';
