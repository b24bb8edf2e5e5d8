/**
 * Types, permissions and score maths shared by the OpsReady frontend and
 * backend.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './score';
export * from './levels';
export * from './pending';
export * from './permissions';
export * from './platformGroups';
export * from './healthAnnotations';
export * from './events';
export * from './dora';
export * from './fleet';
export * from './entityRefs';
export * from './api';
export * from './notifications';
export * from './client';
export * from './campaigns';
export * from './fixes';
export * from './rollups';
