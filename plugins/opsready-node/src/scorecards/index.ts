export * from './types';
export * from './readScorecards';
export * from './scoreScorecards';
