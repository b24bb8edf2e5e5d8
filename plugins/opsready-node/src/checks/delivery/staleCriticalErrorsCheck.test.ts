import { noStaleCriticalErrorsCheck } from './staleCriticalErrorsCheck';
import { before, component, evaluate } from './testFacts';

const error = (id: string, openedAt: string, message = `${id} failed`) => ({
  id,
  openedAt,
  message,
});
const withErrors = (...openCriticalErrors: ReturnType<typeof error>[]) =>
  evaluate(noStaleCriticalErrorsCheck, { openCriticalErrors });

describe('delivery.no-stale-critical-errors', () => {
  it('passes with no critical error open', () => {
    expect(withErrors()).toEqual({
      status: 'pass',
      message: 'No critical error is open.',
      evidence: { maxAgeHours: 24, open: [] },
    });
  });

  it('passes a critical error open exactly 24 hours, the boundary included', () => {
    const young = error('e1', before({ hours: 24 }));
    expect(withErrors(young)).toEqual({
      status: 'pass',
      message: '1 critical error is open, none for longer than 24 hours.',
      evidence: { maxAgeHours: 24, open: [young] },
    });
  });

  it('fails a critical error open a millisecond longer, and lists it', () => {
    const stale = error(
      'e1',
      before({ hours: 24, ms: 1 }),
      'Checkout returns 500.',
    );
    expect(withErrors(stale)).toEqual({
      status: 'fail',
      message:
        '1 critical error has been open longer than 24 hours, the oldest for 24 hours: Checkout returns 500.',
      evidence: { maxAgeHours: 24, stale: [stale] },
    });
  });

  it('lists only the stale errors, oldest first, and names the oldest', () => {
    const recent = error('recent', before({ hours: 2 }));
    const old = error('old', before({ days: 3 }), 'Payments time out');
    const older = error('older', before({ days: 5 }), 'Orders are lost');
    const outcome = withErrors(recent, old, older);
    expect(outcome).toMatchObject({
      status: 'fail',
      message:
        '2 critical errors have been open longer than 24 hours, the oldest for 5 days: Orders are lost.',
    });
    expect(outcome.evidence).toEqual({
      maxAgeHours: 24,
      stale: [older, old],
    });
  });

  it('reads the maximum age from the options', () => {
    const facts = { openCriticalErrors: [error('e1', before({ hours: 5 }))] };
    expect(
      evaluate(noStaleCriticalErrorsCheck, facts, {
        options: { criticalErrorMaxAgeHours: 4 },
      }).message,
    ).toBe(
      '1 critical error has been open longer than 4 hours, the oldest for 5 hours: e1 failed.',
    );
  });

  it('is unknown when an error has no readable opening time and none is stale', () => {
    expect(withErrors(error('e9', 'yesterday'))).toMatchObject({
      status: 'unknown',
      message:
        'Critical error e9 has no readable opening time, so whether it is stale is not known.',
    });
    expect(
      withErrors(error('e9', 'yesterday'), error('e1', before({ days: 2 })))
        .status,
    ).toBe('fail');
  });

  it('is unknown without delivery facts', () => {
    expect(evaluate(noStaleCriticalErrorsCheck, undefined)).toMatchObject({
      status: 'unknown',
      message:
        'No deployment or error records are available for this service, so its delivery could not be checked.',
    });
  });

  it('does not apply outside production, however old the errors', () => {
    expect(
      evaluate(
        noStaleCriticalErrorsCheck,
        { openCriticalErrors: [error('e1', before({ days: 90 }))] },
        { entity: component({ lifecycle: 'deprecated' }) },
      ).status,
    ).toBe('not-applicable');
  });
});
