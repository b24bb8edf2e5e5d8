export * from './createOpsReadyApiClient';
export * from './OpsReadyResponseError';
