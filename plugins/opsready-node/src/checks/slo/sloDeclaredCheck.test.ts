import { sloDeclaredCheck } from './sloDeclaredCheck';
import { component, evaluate } from './testFacts';

describe('slo.declared', () => {
  it('passes objectives declared in the annotations, and says which', () => {
    expect(
      evaluate(sloDeclaredCheck, undefined, {
        entity: component({
          'opsready.io/slo': 'availability: 99.95%\nlatency: p95 < 200ms',
        }),
      }),
    ).toEqual({
      status: 'pass',
      message: 'Declares 99.95 % availability and p95 < 200 ms over 28 days.',
      evidence: {
        spec: {
          availability: { target: 0.9995, windowDays: 28 },
          latency: { percentile: 95, thresholdMs: 200, windowDays: 28 },
          declaredBy: 'annotation',
        },
      },
    });
  });

  it('warns when only a configured default applies, and names the rule', () => {
    expect(
      evaluate(sloDeclaredCheck, {
        spec: {
          availability: { target: 0.999, windowDays: 30 },
          declaredBy: 'defaults',
          defaultsRule: { lifecycle: 'production', tier: '1' },
        },
      }),
    ).toMatchObject({
      status: 'warn',
      message:
        'Declares no SLO; the default for lifecycle production, tier 1 applies (99.9 % availability over 30 days). Declare what the service promises with opsready.io/slo.',
    });
  });

  it('fails an annotation with a mistake, naming it, even where defaults would apply', () => {
    expect(
      evaluate(
        sloDeclaredCheck,
        {
          spec: {
            availability: { target: 0.999, windowDays: 28 },
            declaredBy: 'defaults',
            defaultsRule: {},
          },
        },
        { entity: component({ 'opsready.io/slo-availability': '100%' }) },
      ),
    ).toEqual({
      status: 'fail',
      message:
        'The SLO annotations have mistakes, so no objective applies: opsready.io/slo-availability: the availability target 100% is not between 0 and 100 % exclusive.',
      evidence: {
        problems: [
          'opsready.io/slo-availability: the availability target 100% is not between 0 and 100 % exclusive',
        ],
      },
    });
  });

  it('fails a production service with no objective at all', () => {
    expect(evaluate(sloDeclaredCheck, undefined).status).toBe('fail');
  });

  it('does not apply to a service outside production with no objective', () => {
    expect(
      evaluate(sloDeclaredCheck, undefined, {
        entity: component({}, 'experimental'),
      }),
    ).toEqual({
      status: 'not-applicable',
      message:
        "Only production services must declare SLOs; this one's lifecycle is experimental and no configured default applies to it.",
    });
  });

  it('passes a service outside production that declares objectives', () => {
    expect(
      evaluate(sloDeclaredCheck, undefined, {
        entity: component(
          { 'opsready.io/slo-latency': 'p99 < 1s' },
          'experimental',
        ),
      }),
    ).toMatchObject({
      status: 'pass',
      message: 'Declares p99 < 1000 ms over 28 days.',
    });
  });
});
