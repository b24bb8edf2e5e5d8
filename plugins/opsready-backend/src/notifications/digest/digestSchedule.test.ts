import { digestCron, lastDueTime } from './digestSchedule';

const config = { hour: 8, weekday: 1 };

describe('digestCron', () => {
  it('is the configured hour, every day or on the configured weekday', () => {
    expect(digestCron('daily', config)).toBe('0 8 * * *');
    expect(digestCron('weekly', { hour: 17, weekday: 5 })).toBe('0 17 * * 5');
  });
});

describe('lastDueTime', () => {
  it('is today at the hour once it has passed, else yesterday', () => {
    expect(
      lastDueTime('daily', config, new Date('2026-12-08T08:00:00Z')),
    ).toEqual(new Date('2026-12-08T08:00:00Z'));
    expect(
      lastDueTime('daily', config, new Date('2026-12-08T13:20:00Z')),
    ).toEqual(new Date('2026-12-08T08:00:00Z'));
    expect(
      lastDueTime('daily', config, new Date('2026-12-08T07:59:59Z')),
    ).toEqual(new Date('2026-12-07T08:00:00Z'));
  });

  it('is the last configured weekday at the hour', () => {
    // 2026-12-07 is a Monday.
    expect(
      lastDueTime('weekly', config, new Date('2026-12-10T12:00:00Z')),
    ).toEqual(new Date('2026-12-07T08:00:00Z'));
    expect(
      lastDueTime('weekly', config, new Date('2026-12-07T07:00:00Z')),
    ).toEqual(new Date('2026-11-30T08:00:00Z'));
  });

  it('counts in UTC whatever the process time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      expect(
        lastDueTime('daily', config, new Date('2026-12-08T09:00:00Z')),
      ).toEqual(new Date('2026-12-08T08:00:00Z'));
    } finally {
      process.env.TZ = before;
    }
  });
});
