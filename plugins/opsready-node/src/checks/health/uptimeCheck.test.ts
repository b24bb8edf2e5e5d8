import { uptimeCheck } from './uptimeCheck';
import {
  component,
  evaluate,
  health,
  measured,
  onTwoEndpoints,
  PRODUCTION_URL,
  twoEndpoints,
} from './testFacts';

describe('health.uptime', () => {
  it('passes when every probed endpoint meets the target', () => {
    expect(
      onTwoEndpoints(
        uptimeCheck,
        measured('default', { uptime: 0.999 }),
        measured('staging', { uptime: 0.995 }),
      ),
    ).toMatchObject({
      status: 'pass',
      message:
        'Every probed health endpoint was up at least 99% of the last 24 hours (lowest 99.5%).',
      evidence: {
        target: 0.99,
        windowHours: 24,
        endpoints: [
          { environment: 'default', url: PRODUCTION_URL, uptime: 0.999 },
          expect.objectContaining({ environment: 'staging', uptime: 0.995 }),
        ],
      },
    });
  });

  it('passes exactly on the target', () => {
    expect(
      onTwoEndpoints(uptimeCheck, measured('default', { uptime: 0.99 })).status,
    ).toBe('pass');
  });

  it('fails when any endpoint falls short, naming it', () => {
    expect(
      onTwoEndpoints(
        uptimeCheck,
        measured('default', { uptime: 1 }),
        measured('staging', { uptime: 0.9875 }),
      ),
    ).toMatchObject({
      status: 'fail',
      message:
        'Uptime over the last 24 hours was below the 99% target: staging 98.75%.',
    });
  });

  it('never shows an uptime just below the target as the target', () => {
    expect(
      onTwoEndpoints(uptimeCheck, measured('default', { uptime: 0.98999 }))
        .message,
    ).toBe(
      'Uptime over the last 24 hours was below the 99% target: default 98.99%.',
    );
  });

  it('holds endpoints to the configured target', () => {
    const facts = health(measured('default', { uptime: 0.995 }));
    expect(
      evaluate(uptimeCheck, twoEndpoints, facts, { uptimeTarget: 0.999 }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Uptime over the last 24 hours was below the 99.9% target: default 99.5%.',
    });
  });

  it('judges the probed endpoints and says which are not probed yet', () => {
    expect(
      onTwoEndpoints(
        uptimeCheck,
        measured('default', { uptime: 1 }),
        measured('staging'),
      ),
    ).toMatchObject({
      status: 'pass',
      message:
        'Every probed health endpoint was up at least 99% of the last 24 hours (lowest 100%); not probed yet: staging.',
      evidence: { notProbed: ['staging'] },
    });
  });

  it('is pending while the prober works but has not probed any endpoint yet', () => {
    expect(
      onTwoEndpoints(uptimeCheck, measured('default', { status: 'unknown' })),
    ).toMatchObject({
      status: 'pending',
      message:
        'Waiting for the first probe: no declared health endpoint has been probed yet, so its uptime is not known.',
    });
    // What the backend gives for a service the prober has not reached yet.
    expect(onTwoEndpoints(uptimeCheck)).toMatchObject({ status: 'pending' });
  });

  it('ignores figures left over from an environment no longer declared', () => {
    const onlyDefault = component({ 'opsready.io/health-url': PRODUCTION_URL });
    expect(
      evaluate(
        uptimeCheck,
        onlyDefault,
        health(
          measured('default', { uptime: 1 }),
          measured('staging', { uptime: 0.2 }),
        ),
      ).status,
    ).toBe('pass');
  });

  it('judges uptime outside maintenance, and says what it left out', () => {
    expect(
      onTwoEndpoints(
        uptimeCheck,
        measured('default', { uptime: 0.995, maintenanceProbes: 120 }),
      ),
    ).toMatchObject({
      status: 'pass',
      message:
        'Every probed health endpoint was up at least 99% of the last 24 hours (lowest 99.5%); left out for maintenance: default (120 probes).',
      evidence: { maintenance: [{ environment: 'default', probes: 120 }] },
    });
  });

  it('has nothing to judge when every probed endpoint was in maintenance throughout', () => {
    expect(
      onTwoEndpoints(
        uptimeCheck,
        measured('default', { probes: 1440, maintenanceProbes: 1440 }),
      ),
    ).toMatchObject({
      status: 'not-applicable',
      message:
        'Every probed health endpoint was in maintenance throughout the last 24 hours: there is no uptime to judge; left out for maintenance: default (1440 probes).',
    });
  });

  it('speaks of the window the prober measured over', () => {
    expect(
      evaluate(uptimeCheck, twoEndpoints, {
        windowHours: 1,
        endpoints: [measured('default', { uptime: 0.5 })],
      }).message,
    ).toBe('Uptime over the last hour was below the 99% target: default 50%.');
  });
});
