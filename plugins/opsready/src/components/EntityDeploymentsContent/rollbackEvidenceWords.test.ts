import {
  errorRateEvidence,
  latencyEvidence,
} from '../../__testUtils__/sloData';
import { evidenceFigures, evidenceSummary } from './rollbackEvidenceWords';

describe('rollback evidence in words', () => {
  it('puts the figures before and after beside the threshold', () => {
    expect(evidenceFigures(errorRateEvidence())).toBe(
      '0.2 % → 8.3 % (fires above 5 %)',
    );
    expect(evidenceFigures(latencyEvidence())).toBe(
      '180 ms → 190 ms (+6 %; fires above +50 %)',
    );
  });

  it('says what it has when there is no figure from before', () => {
    expect(evidenceFigures(errorRateEvidence({ before: undefined }))).toBe(
      '8.3 % since the deployment (fires above 5 %)',
    );
    expect(evidenceFigures(latencyEvidence({ before: undefined }))).toBe(
      '190 ms, nothing to compare with (fires above +50 %)',
    );
  });

  it('fits each trigger on one short line for the history table', () => {
    expect(evidenceSummary(errorRateEvidence())).toBe(
      'Error rate 8.3 % (limit 5 %)',
    );
    expect(evidenceSummary(latencyEvidence({ after: 950, before: 95 }))).toBe(
      'p95 +900 % (limit +50 %)',
    );
    expect(evidenceSummary(latencyEvidence({ before: undefined }))).toBe(
      'p95 190 ms (limit +50 %)',
    );
  });
});
