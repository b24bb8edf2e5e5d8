import {
  nextOccurrence,
  occurrenceAt,
  occurrencesBetween,
  recurrenceProblem,
  WindowTiming,
} from './windowOccurrences';

const at = (iso: string) => new Date(iso);
const spans = (occurrences: Array<{ start: Date; end: Date }>) =>
  occurrences.map(o => [o.start.toISOString(), o.end.toISOString()]);

describe('a one-off window', () => {
  const timing: WindowTiming = {
    startsAt: at('2026-12-05T02:00:00Z'),
    endsAt: at('2026-12-05T04:00:00Z'),
  };

  it('occurs once, in ranges it overlaps', () => {
    expect(
      spans(
        occurrencesBetween(timing, {
          from: at('2026-12-05T03:00:00Z'),
          to: at('2026-12-06T00:00:00Z'),
        }),
      ),
    ).toEqual([['2026-12-05T02:00:00.000Z', '2026-12-05T04:00:00.000Z']]);
    expect(
      occurrencesBetween(timing, {
        from: at('2026-12-05T04:00:00Z'),
        to: at('2026-12-06T00:00:00Z'),
      }),
    ).toEqual([]);
  });

  it('is in force from its start up to, not including, its end', () => {
    expect(occurrenceAt(timing, at('2026-12-05T01:59:59Z'))).toBeUndefined();
    expect(occurrenceAt(timing, at('2026-12-05T02:00:00Z'))).toBeDefined();
    expect(occurrenceAt(timing, at('2026-12-05T03:59:59Z'))).toBeDefined();
    expect(occurrenceAt(timing, at('2026-12-05T04:00:00Z'))).toBeUndefined();
    // Next: itself until it ends, then nothing.
    expect(nextOccurrence(timing, at('2026-12-01T00:00:00Z'))?.start).toEqual(
      timing.startsAt,
    );
    expect(nextOccurrence(timing, at('2026-12-05T04:00:00Z'))).toBeUndefined();
  });
});

describe('a recurring window', () => {
  // Saturdays 02:00-04:00 UTC, from Wednesday 2 December 2026.
  const weekly: WindowTiming = {
    startsAt: at('2026-12-02T02:00:00Z'),
    endsAt: at('2026-12-02T04:00:00Z'),
    cron: '0 2 * * 6',
  };

  it('starts at each time the cron fires from its start on, each as long as the first', () => {
    expect(
      spans(
        occurrencesBetween(weekly, {
          from: at('2026-11-01T00:00:00Z'),
          to: at('2026-12-20T00:00:00Z'),
        }),
      ),
    ).toEqual([
      // Not on the Wednesday it was declared from: the cron fires Saturdays.
      ['2026-12-05T02:00:00.000Z', '2026-12-05T04:00:00.000Z'],
      ['2026-12-12T02:00:00.000Z', '2026-12-12T04:00:00.000Z'],
      ['2026-12-19T02:00:00.000Z', '2026-12-19T04:00:00.000Z'],
    ]);
  });

  it('includes an occurrence that began before the range and ends in it', () => {
    expect(
      spans(
        occurrencesBetween(weekly, {
          from: at('2026-12-12T03:00:00Z'),
          to: at('2026-12-12T05:00:00Z'),
        }),
      ),
    ).toEqual([['2026-12-12T02:00:00.000Z', '2026-12-12T04:00:00.000Z']]);
  });

  it('starts nothing at or after until', () => {
    const ending = { ...weekly, until: at('2026-12-12T02:00:00Z') };
    expect(
      spans(
        occurrencesBetween(ending, {
          from: at('2026-12-01T00:00:00Z'),
          to: at('2027-01-01T00:00:00Z'),
        }),
      ),
    ).toEqual([['2026-12-05T02:00:00.000Z', '2026-12-05T04:00:00.000Z']]);
    expect(nextOccurrence(ending, at('2026-12-06T00:00:00Z'))).toBeUndefined();
  });

  it('says which occurrence is in force, and which comes next', () => {
    expect(spans([occurrenceAt(weekly, at('2026-12-12T03:30:00Z'))!])).toEqual([
      ['2026-12-12T02:00:00.000Z', '2026-12-12T04:00:00.000Z'],
    ]);
    expect(occurrenceAt(weekly, at('2026-12-12T04:00:00Z'))).toBeUndefined();
    expect(occurrenceAt(weekly, at('2026-12-03T02:30:00Z'))).toBeUndefined();
    expect(
      spans([nextOccurrence(weekly, at('2026-12-12T04:00:00Z'))!]),
    ).toEqual([['2026-12-19T02:00:00.000Z', '2026-12-19T04:00:00.000Z']]);
  });

  it('stops at the limit rather than iterate without end', () => {
    const hourly = {
      startsAt: at('2026-12-01T00:00:00Z'),
      endsAt: at('2026-12-01T00:10:00Z'),
      cron: '0 * * * *',
    };
    const range = {
      from: at('2026-12-01T00:00:00Z'),
      to: at('2026-12-31T00:00:00Z'),
    };
    expect(occurrencesBetween(hourly, range)).toHaveLength(30 * 24);
    expect(occurrencesBetween(hourly, range, 5)).toHaveLength(5);
  });

  describe('across a change of clocks', () => {
    it('keeps the local time of its time zone', () => {
      // 22:00 in London: 22:00 UTC until the clocks go forward on
      // 28 March 2027, 21:00 UTC after.
      const evenings: WindowTiming = {
        startsAt: at('2027-03-26T22:00:00Z'),
        endsAt: at('2027-03-26T23:00:00Z'),
        cron: '0 22 * * *',
        timeZone: 'Europe/London',
      };
      expect(
        occurrencesBetween(evenings, {
          from: at('2027-03-26T00:00:00Z'),
          to: at('2027-03-30T00:00:00Z'),
        }).map(o => o.start.toISOString()),
      ).toEqual([
        '2027-03-26T22:00:00.000Z',
        '2027-03-27T22:00:00.000Z',
        '2027-03-28T21:00:00.000Z',
        '2027-03-29T21:00:00.000Z',
      ]);
    });

    it('starts at the jump on the night its local time does not exist, and once on the night it exists twice', () => {
      const nights: WindowTiming = {
        startsAt: at('2027-01-01T01:30:00Z'),
        endsAt: at('2027-01-01T02:00:00Z'),
        cron: '30 1 * * *',
        timeZone: 'Europe/London',
      };
      const startsBetween = (from: string, to: string) =>
        occurrencesBetween(nights, { from: at(from), to: at(to) }).map(o =>
          o.start.toISOString(),
        );
      // 01:30 is skipped on 28 March: the occurrence starts at 02:00 BST.
      expect(
        startsBetween('2027-03-27T00:00:00Z', '2027-03-29T12:00:00Z'),
      ).toEqual([
        '2027-03-27T01:30:00.000Z',
        '2027-03-28T01:00:00.000Z',
        '2027-03-29T00:30:00.000Z',
      ]);
      // 01:30 happens twice on 31 October: the first (BST) only.
      expect(
        startsBetween('2027-10-30T12:00:00Z', '2027-11-01T12:00:00Z'),
      ).toEqual(['2027-10-31T00:30:00.000Z', '2027-11-01T01:30:00.000Z']);
    });

    it('uses UTC when no time zone is given', () => {
      const utc: WindowTiming = {
        startsAt: at('2027-03-27T22:00:00Z'),
        endsAt: at('2027-03-27T23:00:00Z'),
        cron: '0 22 * * *',
      };
      expect(
        occurrencesBetween(utc, {
          from: at('2027-03-27T00:00:00Z'),
          to: at('2027-03-29T00:00:00Z'),
        }).map(o => o.start.toISOString()),
      ).toEqual(['2027-03-27T22:00:00.000Z', '2027-03-28T22:00:00.000Z']);
    });
  });
});

describe('recurrenceProblem', () => {
  const base = {
    startsAt: at('2027-01-02T02:00:00Z'),
    endsAt: at('2027-01-02T04:00:00Z'),
  };

  it('accepts a cron that fires and whose occurrences do not overlap', () => {
    expect(
      recurrenceProblem({ ...base, cron: '0 2 * * 6', timeZone: 'Asia/Tokyo' }),
    ).toBeUndefined();
  });

  it('names the field that is wrong', () => {
    expect(recurrenceProblem({ ...base, cron: 'every night' })).toMatchObject({
      field: 'cron',
      message: expect.stringMatching(/^must have five fields/),
    });
    expect(recurrenceProblem({ ...base, cron: '0 2 * * * *' })).toMatchObject({
      field: 'cron',
    });
    expect(recurrenceProblem({ ...base, cron: '61 2 * * *' })).toEqual({
      field: 'cron',
      message: 'is not a cron expression (Field value (61) is out of range)',
    });
    expect(
      recurrenceProblem({ ...base, cron: '0 2 * * *', timeZone: 'Mars/Base' }),
    ).toEqual({ field: 'timeZone', message: 'is not a known IANA time zone' });
    expect(recurrenceProblem({ ...base, cron: '0 0 30 2 *' })).toEqual({
      field: 'cron',
      message: 'never fires',
    });
    expect(
      recurrenceProblem({
        ...base,
        cron: '0 2 * * 6',
        until: at('2027-01-02T01:00:00Z'),
      }),
    ).toEqual({ field: 'until', message: 'comes before the cron first fires' });
  });

  it('refuses occurrences that would overlap, also only on the night the clocks change', () => {
    expect(recurrenceProblem({ ...base, cron: '0 * * * *' })).toMatchObject({
      field: 'cron',
      message: expect.stringContaining('fires again 1 h after'),
    });
    // 23 h 45 min every night at 01:30 London: the nights the clocks go
    // forward are 23 h 30 min long.
    expect(
      recurrenceProblem({
        startsAt: at('2027-03-20T01:30:00Z'),
        endsAt: at('2027-03-21T01:15:00Z'),
        cron: '30 1 * * *',
        timeZone: 'Europe/London',
      }),
    ).toMatchObject({
      field: 'cron',
      message: expect.stringContaining('2027-03-27T01:30:00.000+00:00'),
    });
  });
});
