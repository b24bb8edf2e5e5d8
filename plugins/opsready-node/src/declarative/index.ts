export * from './types';
export { compileDeclarativeCheck } from './compileDeclarativeCheck';
export * from './specs';
