/**
 * The OpsReady permission policy, as a module of the permission backend:
 * owners act on their entities, a platform group grants exemptions, events
 * come only with service credentials.
 *
 * @packageDocumentation
 */

export { permissionModuleOpsReadyPolicy as default } from './module';
export { OpsReadyPermissionPolicy } from './OpsReadyPermissionPolicy';
export { readPlatformGroups } from './platformGroups';
