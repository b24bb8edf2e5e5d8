import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readSloDefaults } from './readSloDefaults';

function read(defaults: JsonValue) {
  return readSloDefaults(new ConfigReader({ opsready: { slo: { defaults } } }));
}

describe('readSloDefaults', () => {
  it('gives no rules when unset', () => {
    expect(readSloDefaults(new ConfigReader({}))).toEqual([]);
  });

  it('reads rules in order, as shares and with the default window', () => {
    expect(
      read([
        {
          lifecycle: 'production',
          tier: '1',
          availability: 99.95,
          latencyP95Ms: 200,
          windowDays: 30,
        },
        {
          lifecycle: 'production',
          availability: 99.9,
          latency: { percentile: 99, thresholdMs: 500 },
        },
        { latencyP95Ms: 1000 },
      ]),
    ).toEqual([
      {
        lifecycle: 'production',
        tier: '1',
        availability: { target: 0.9995, windowDays: 30 },
        latency: { percentile: 95, thresholdMs: 200, windowDays: 30 },
      },
      {
        lifecycle: 'production',
        availability: { target: 0.999, windowDays: 28 },
        latency: { percentile: 99, thresholdMs: 500, windowDays: 28 },
      },
      { latency: { percentile: 95, thresholdMs: 1000, windowDays: 28 } },
    ]);
  });

  it.each([
    [
      [{ availability: 100 }],
      'opsready.slo.defaults[0].availability is a percentage between 0 and 100 exclusive (e.g. 99.9), got 100',
    ],
    [
      [{ availability: 99 }, { availability: 0.999, windowDays: 0 }],
      'opsready.slo.defaults[1].windowDays must be a whole number of days from 1 to 90, got 0',
    ],
    [
      [{ lifecycle: 'production' }],
      'opsready.slo.defaults[0] sets no objective; give availability (e.g. 99.9), latencyP95Ms or latency',
    ],
    [
      [{ availability: 99, target: 99 }],
      'opsready.slo.defaults[0] has unknown keys target; a rule takes lifecycle, tier, availability, latencyP95Ms, latency, windowDays',
    ],
    [
      [{ latencyP95Ms: 200, latency: { percentile: 99, thresholdMs: 300 } }],
      'opsready.slo.defaults[0] gives both latencyP95Ms and latency; keep one of them',
    ],
    [
      [{ latency: { percentile: 100, thresholdMs: 300 } }],
      'opsready.slo.defaults[0].latency.percentile must be from 50 to 99.9, got 100',
    ],
    [
      [{ latencyP95Ms: -5 }],
      'opsready.slo.defaults[0].latencyP95Ms must be a number of milliseconds above 0, got -5',
    ],
  ])('refuses %j, naming the key', (defaults, message) => {
    expect(() => read(defaults)).toThrow(message);
  });

  it('names the key of a value of the wrong type', () => {
    expect(() => read([{ availability: 'high' }])).toThrow(
      /opsready\.slo\.defaults\[0\]\.availability/,
    );
  });
});
