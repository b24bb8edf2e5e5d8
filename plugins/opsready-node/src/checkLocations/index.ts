export * from './readCheckLocation';
export { parseCheckLocationFile } from './parseCheckLocationFile';
