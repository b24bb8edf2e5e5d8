import { DateTime } from 'luxon';
import {
  deadlineDistance,
  figuresText,
  percentFinished,
  projectionText,
} from './campaignWords';

// Noon, so a day either side is the same calendar day in every time zone.
const now = DateTime.fromISO('2026-12-24T12:00:00');
const day = (days: number) => now.plus({ days }).toISO()!;

describe('campaign words', () => {
  it.each([
    [5, 'in 5 days'],
    [1, 'tomorrow'],
    [0, 'today'],
    [-1, '1 day late'],
    [-3, '3 days late'],
  ])('a deadline %s days away reads "%s"', (days, text) => {
    expect(deadlineDistance(day(days), 'active', now)).toBe(text);
  });

  it('says nothing of the deadline of an ended campaign', () => {
    expect(deadlineDistance(day(-3), 'ended', now)).toBeUndefined();
  });

  it('counts exempt entities as finished, and says how many are', () => {
    const figures = { total: 40, done: 28, exempt: 2, open: 10 };
    expect(figuresText(figures)).toBe('30 of 40 done (2 exempt)');
    expect(percentFinished(figures)).toBe(75);
    expect(figuresText({ total: 3, done: 1, exempt: 0 })).toBe('1 of 3 done');
  });

  it('explains a projection after the deadline with the rate and the days late', () => {
    const text = projectionText(
      {
        atRisk: true,
        ratePerWeek: 3.5,
        projectedCompletion: '2027-01-12T12:00:00Z',
      },
      '2026-12-24T12:00:00Z',
      12,
      now,
    );
    expect(text).toBe(
      'At the rate of the last 14 days (3.5 a week) the last entity is done on 12 Jan 2027, 19 days after the deadline.',
    );
  });

  it('says when nothing moved lately, and when nothing is left', () => {
    const stalled = { atRisk: true, ratePerWeek: 0, projectedCompletion: null };
    expect(projectionText(stalled, day(5), 7, now)).toBe(
      'Nothing was done in the last 14 days: at that rate the 7 entities left are never done.',
    );
    expect(projectionText(stalled, day(5), 1, now)).toBe(
      'Nothing was done in the last 14 days: at that rate the 1 entity left is never done.',
    );
    expect(projectionText(stalled, day(5), 0, now)).toBe(
      'Every entity is done or exempt.',
    );
  });

  it('does not call a campaign just launched at risk', () => {
    const tooSoon = {
      atRisk: false,
      ratePerWeek: 0,
      projectedCompletion: null,
    };
    expect(projectionText(tooSoon, day(30), 4, now)).toBe(
      'Too soon after the start to project: the rate shows after a few days.',
    );
  });
});
