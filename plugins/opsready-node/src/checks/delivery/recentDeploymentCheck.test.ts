import { recentDeploymentCheck } from './recentDeploymentCheck';
import { before, component, evaluate } from './testFacts';

const deployed = (lastDeploymentAt?: string) =>
  evaluate(recentDeploymentCheck, {
    ...(lastDeploymentAt ? { lastDeploymentAt } : {}),
    openCriticalErrors: [],
  });

describe('delivery.recent-deployment', () => {
  it('passes a deployment a few days ago', () => {
    expect(deployed(before({ days: 3, hours: 5 }))).toEqual({
      status: 'pass',
      message: 'Last deployed to production 3 days ago, within 30 days.',
      evidence: {
        lastDeploymentAt: '2026-11-19T07:00:00.000Z',
        deployedWithinDays: 30,
      },
    });
  });

  it('passes a deployment exactly 30 days ago, the boundary included', () => {
    expect(deployed(before({ days: 30 }))).toMatchObject({
      status: 'pass',
      message: 'Last deployed to production 30 days ago, within 30 days.',
    });
  });

  it('fails a deployment a millisecond older than 30 days', () => {
    expect(deployed(before({ days: 30, ms: 1 }))).toEqual({
      status: 'fail',
      message:
        'Last deployed to production on 2026-10-23, more than 30 days ago; release it, or check that deployments are reported.',
      evidence: {
        lastDeploymentAt: '2026-10-23T11:59:59.999Z',
        deployedWithinDays: 30,
      },
    });
  });

  it('gives a service created from a template within the window time for its first deployment', () => {
    const created = (days: number) =>
      evaluate(recentDeploymentCheck, {
        provisionedAt: before({ days }),
        openCriticalErrors: [],
      });
    expect(created(2)).toEqual({
      status: 'pass',
      message:
        'New service: created 2 days ago and not deployed to production yet; its first deployment is due within 30 days of its creation.',
      evidence: { provisionedAt: before({ days: 2 }), deployedWithinDays: 30 },
    });
    // Past the window, never having deployed fails like any other service.
    expect(created(31)).toMatchObject({
      status: 'fail',
      message:
        'No deployment to production has been recorded; a production service must deploy at least every 30 days.',
    });
  });

  it('reads the number of days from the options', () => {
    const lastDeploymentAt = before({ days: 8 });
    const facts = { lastDeploymentAt, openCriticalErrors: [] };
    expect(
      evaluate(recentDeploymentCheck, facts, {
        options: { deployedWithinDays: 7 },
      }).status,
    ).toBe('fail');
    expect(
      evaluate(recentDeploymentCheck, facts, {
        options: { deployedWithinDays: 8 },
      }).status,
    ).toBe('pass');
  });

  it('speaks of hours for a deployment less than two days ago, and takes a future one as recent', () => {
    expect(deployed(before({ hours: 5 })).message).toBe(
      'Last deployed to production 5 hours ago, within 30 days.',
    );
    expect(deployed(before({ hours: -1 }))).toMatchObject({
      status: 'pass',
      message:
        'Last deployed to production less than an hour ago, within 30 days.',
    });
  });

  it('is pending for a service with no deployment recorded yet', () => {
    expect(deployed(undefined)).toEqual({
      status: 'pending',
      message:
        'Waiting for the first deployment: no deployment to production has been recorded yet; a production service must deploy at least every 30 days.',
      evidence: { deployedWithinDays: 30 },
    });
  });

  it('is unknown when the deployment time is not a date', () => {
    expect(deployed('last tuesday')).toMatchObject({
      status: 'unknown',
      message: "The last deployment's time, 'last tuesday', is not a date.",
    });
  });

  it('is unknown without delivery facts, and says so', () => {
    expect(evaluate(recentDeploymentCheck, undefined)).toEqual({
      status: 'unknown',
      message:
        'No deployment or error records are available for this service, so its delivery could not be checked.',
    });
  });

  it('does not apply to a service outside production, and says why', () => {
    expect(
      evaluate(
        recentDeploymentCheck,
        { openCriticalErrors: [] },
        { entity: component({ lifecycle: 'experimental' }) },
      ),
    ).toEqual({
      status: 'not-applicable',
      message:
        "Delivery rules hold production services only (lifecycle production); this one's lifecycle is experimental.",
    });
    expect(
      evaluate(recentDeploymentCheck, undefined, {
        entity: component({ lifecycle: undefined }),
      }).message,
    ).toBe(
      "Delivery rules hold production services only (lifecycle production); this one's lifecycle is not set.",
    );
  });

  it('reads the production lifecycles from the options, ignoring case', () => {
    const options = { productionLifecycles: ['production', 'ga'] };
    expect(
      evaluate(recentDeploymentCheck, undefined, {
        entity: component({ lifecycle: 'GA' }),
        options,
      }).status,
    ).toBe('unknown');
    expect(
      evaluate(recentDeploymentCheck, undefined, {
        entity: component({ lifecycle: 'beta' }),
        options,
      }).message,
    ).toBe(
      "Delivery rules hold production services only (lifecycle production or ga); this one's lifecycle is beta.",
    );
  });
});
