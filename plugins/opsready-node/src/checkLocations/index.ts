export * from './readCheckLocation';
export { parseCheckLocationFile } from './parseCheckLocationFile';
export { readCheckLocationTargets } from './readCheckLocationTargets';
export { compileCheckLocation } from './compileCheckLocation';
export { readConfiguredDeclarativeChecks } from './readConfiguredDeclarativeChecks';
