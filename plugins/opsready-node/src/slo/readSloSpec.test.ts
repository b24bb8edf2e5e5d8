import { Entity } from '@backstage/catalog-model';
import { readSloSpec } from './readSloSpec';
import { SloDefaultsRule } from './types';

function entity(
  annotations: Record<string, string> = {},
  {
    lifecycle = 'production',
    labels,
  }: { lifecycle?: string; labels?: Record<string, string> } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'cart', annotations, ...(labels ? { labels } : {}) },
    spec: { type: 'service', lifecycle, owner: 'storefront' },
  };
}

const defaults: SloDefaultsRule[] = [
  {
    lifecycle: 'production',
    tier: '1',
    availability: { target: 0.9995, windowDays: 28 },
  },
  {
    lifecycle: 'production',
    availability: { target: 0.999, windowDays: 30 },
    latency: { percentile: 95, thresholdMs: 300, windowDays: 30 },
  },
  { availability: { target: 0.99, windowDays: 7 } },
];

describe('readSloSpec', () => {
  it('reads the YAML block', () => {
    expect(
      readSloSpec(
        entity({
          'opsready.io/slo':
            'availability: 99.9%\nlatency: p95 < 200ms\nwindow: 30d\n',
        }),
        defaults,
      ),
    ).toEqual({
      spec: {
        availability: { target: 0.999, windowDays: 30 },
        latency: { percentile: 95, thresholdMs: 200, windowDays: 30 },
        declaredBy: 'annotation',
      },
      problems: [],
    });
  });

  it.each([
    ['99.9%', 0.999],
    ['99.9', 0.999],
    ['0.999', 0.999],
    ['99.95 %', 0.9995],
    ['90%', 0.9],
  ])(
    'reads the availability %s as %s, over 28 days by default',
    (value, target) => {
      expect(
        readSloSpec(entity({ 'opsready.io/slo': `availability: ${value}` }), [])
          .spec,
      ).toEqual({
        availability: { target, windowDays: 28 },
        declaredBy: 'annotation',
      });
    },
  );

  it.each([
    ['p95 < 200ms', 95, 200],
    ['p99<1.5s', 99, 1500],
    ['P99.9 < 800 ms', 99.9, 800],
    ['{ percentile: 90, thresholdMs: 150 }', 90, 150],
  ])('reads the latency objective %s', (value, percentile, thresholdMs) => {
    expect(
      readSloSpec(entity({ 'opsready.io/slo': `latency: ${value}` }), []).spec
        ?.latency,
    ).toEqual({ percentile, thresholdMs, windowDays: 28 });
  });

  it('reads the single annotations', () => {
    expect(
      readSloSpec(
        entity({
          'opsready.io/slo-availability': '99.5%',
          'opsready.io/slo-latency': 'p95<250ms',
          'opsready.io/slo-window': '14d',
        }),
        defaults,
      ).spec,
    ).toEqual({
      availability: { target: 0.995, windowDays: 14 },
      latency: { percentile: 95, thresholdMs: 250, windowDays: 14 },
      declaredBy: 'annotation',
    });
  });

  it('prefers the YAML block over the single annotations', () => {
    expect(
      readSloSpec(
        entity({
          'opsready.io/slo': 'availability: 99%',
          'opsready.io/slo-availability': '99.99%',
        }),
        [],
      ).spec?.availability?.target,
    ).toBe(0.99);
  });

  it.each([
    [
      { 'opsready.io/slo': 'availability: 100%' },
      'opsready.io/slo availability: the availability target 100% is not between 0 and 100 % exclusive',
    ],
    [
      { 'opsready.io/slo-availability': '0' },
      'opsready.io/slo-availability: the availability target 0 is not between 0 and 100 % exclusive',
    ],
    [
      { 'opsready.io/slo-availability': 'three nines' },
      'opsready.io/slo-availability: "three nines" is not an availability target; write a percentage such as 99.9%',
    ],
    [
      { 'opsready.io/slo-latency': 'p95 < 200us' },
      'opsready.io/slo-latency: the latency threshold in "p95 < 200us" has the unknown unit us; write ms or s, e.g. p95 < 200ms',
    ],
    [
      { 'opsready.io/slo-latency': 'p95 < 200' },
      'opsready.io/slo-latency: the latency threshold in "p95 < 200" has no unit; write ms or s, e.g. p95 < 200ms',
    ],
    [
      { 'opsready.io/slo-latency': 'p20 < 200ms' },
      'opsready.io/slo-latency: the percentile 20 is not from 50 to 99.9',
    ],
    [
      { 'opsready.io/slo': 'availability: 99.9%\nwindow: 28h' },
      'opsready.io/slo window: the window "28h" has the unknown unit h; write days, e.g. 28d',
    ],
    [
      { 'opsready.io/slo': 'availability: 99.9%\nwindow: 120d' },
      'opsready.io/slo window: the window 120d is not from 1d to 90d',
    ],
    [
      { 'opsready.io/slo': 'availability: 99.9%\ntarget: 99' },
      'opsready.io/slo has unknown keys target (it takes availability, latency, window)',
    ],
    [
      { 'opsready.io/slo': '- 99.9%' },
      'opsready.io/slo is not a mapping; write e.g. "availability: 99.9%" and "latency: p95 < 200ms" on their own lines',
    ],
    [
      { 'opsready.io/slo-window': '28d' },
      'opsready.io/slo-window alone declares no objective; declare an availability target (e.g. 99.9%) or a latency objective (e.g. p95 < 200ms)',
    ],
  ])(
    'names the annotation and the mistake of %j, and gives no objectives, not even the defaults',
    (annotations, problem) => {
      expect(readSloSpec(entity(annotations), defaults)).toEqual({
        problems: [problem],
      });
    },
  );

  it('names the line of a YAML block that does not parse', () => {
    const { spec, problems } = readSloSpec(
      entity({
        'opsready.io/slo': 'availability: 99.9%\nlatency: [p95\nwindow: 28d',
      }),
      defaults,
    );
    expect(spec).toBeUndefined();
    expect(problems).toEqual([
      expect.stringMatching(
        /^opsready\.io\/slo does not parse as YAML at line 3: /,
      ),
    ]);
  });

  it('lists every mistake of a declaration', () => {
    expect(
      readSloSpec(
        entity({
          'opsready.io/slo-availability': '101%',
          'opsready.io/slo-latency': 'fast',
        }),
        [],
      ).problems,
    ).toHaveLength(2);
  });

  describe('without a declaration', () => {
    it('applies the first default rule whose lifecycle and tier match, ignoring case', () => {
      expect(
        readSloSpec(
          entity({ 'opsready.io/tier': '1' }, { lifecycle: 'Production' }),
          defaults,
        ),
      ).toEqual({
        spec: {
          availability: { target: 0.9995, windowDays: 28 },
          declaredBy: 'defaults',
          defaultsRule: { lifecycle: 'production', tier: '1' },
        },
        problems: [],
      });
    });

    it('reads the tier from a label too', () => {
      expect(
        readSloSpec(
          entity({}, { labels: { 'opsready.io/tier': '1' } }),
          defaults,
        ).spec?.availability?.target,
      ).toBe(0.9995);
    });

    it('skips a rule whose tier the entity does not have', () => {
      expect(readSloSpec(entity(), defaults).spec).toEqual({
        availability: { target: 0.999, windowDays: 30 },
        latency: { percentile: 95, thresholdMs: 300, windowDays: 30 },
        declaredBy: 'defaults',
        defaultsRule: { lifecycle: 'production' },
      });
    });

    it('applies a rule without lifecycle and tier to any entity', () => {
      expect(
        readSloSpec(entity({}, { lifecycle: 'experimental' }), defaults).spec,
      ).toEqual({
        availability: { target: 0.99, windowDays: 7 },
        declaredBy: 'defaults',
        defaultsRule: {},
      });
    });

    it('gives nothing when no rule matches', () => {
      expect(
        readSloSpec(
          entity({}, { lifecycle: 'experimental' }),
          defaults.slice(0, 2),
        ),
      ).toEqual({ problems: [] });
    });
  });
});
