import { latencyCheck } from './latencyCheck';
import { uptimeCheck } from './uptimeCheck';
import {
  component,
  evaluate,
  health,
  measured,
  twoEndpoints,
} from './testFacts';

describe.each([latencyCheck, uptimeCheck])(
  '$id without measurements to judge',
  check => {
    it('is unknown, not pending, without health facts: the prober is off or unreadable', () => {
      expect(evaluate(check, twoEndpoints)).toMatchObject({
        status: 'unknown',
        message:
          'No health measurements are available for this service: the health prober is not enabled, or its records could not be read.',
      });
    });

    it('does not apply without a declared endpoint', () => {
      expect(
        evaluate(
          check,
          component(),
          health(measured('default', { uptime: 0.5, p95LatencyMs: 900 })),
        ),
      ).toEqual({
        status: 'not-applicable',
        message:
          'No http(s) health endpoint is declared, so there is nothing to measure (see the health endpoint check).',
      });
    });
  },
);
