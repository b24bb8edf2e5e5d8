export * from './types';
export { compileDeclarativeCheck } from './compileDeclarativeCheck';
