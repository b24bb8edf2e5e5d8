import { HealthEndpointFacts } from '../checks/types';
import { judge } from './testing';

function endpoint(
  environment: string,
  figures: Partial<HealthEndpointFacts>,
): HealthEndpointFacts {
  return {
    environment,
    url: `https://${environment}.example.com/healthz`,
    status: 'up',
    ...figures,
  };
}

describe('health conditions', () => {
  const uptime = { health: { metric: 'uptime' as const, atLeast: 0.99 } };

  it('is unknown without health facts, endpoints or figures', () => {
    expect(judge(uptime).status).toBe('unknown');
    expect(
      judge(uptime, { health: { windowHours: 24, endpoints: [] } }).status,
    ).toBe('unknown');
    const unmeasured = judge(uptime, {
      health: { windowHours: 24, endpoints: [endpoint('default', {})] },
    });
    expect(unmeasured.status).toBe('unknown');
    expect(unmeasured.message).toMatch(/no uptime figure yet/);
  });

  it('passes when every endpoint meets the bound and shows the figures', () => {
    const outcome = judge(uptime, {
      health: {
        windowHours: 24,
        endpoints: [
          endpoint('default', { uptime: 0.999 }),
          endpoint('eu', { uptime: 0.99 }),
        ],
      },
    });
    expect(outcome.status).toBe('pass');
    expect((outcome.evidence as any).observed[0].endpoints).toEqual([
      { environment: 'default', uptime: 0.999 },
      { environment: 'eu', uptime: 0.99 },
    ]);
  });

  it('fails when one endpoint misses, unless any endpoint is enough', () => {
    const health = {
      windowHours: 24,
      endpoints: [
        endpoint('default', { p95LatencyMs: 120 }),
        endpoint('eu', { p95LatencyMs: 450 }),
      ],
    };
    expect(
      judge({ health: { metric: 'p95LatencyMs', atMost: 300 } }, { health })
        .status,
    ).toBe('fail');
    expect(
      judge(
        { health: { metric: 'p95LatencyMs', atMost: 300, endpoints: 'any' } },
        { health },
      ).status,
    ).toBe('pass');
  });
});

describe('delivery conditions', () => {
  // TEST_NOW is 2026-11-22T12:00:00Z.
  it('is unknown without delivery facts', () => {
    expect(judge({ delivery: { deployedWithinDays: 14 } }).status).toBe(
      'unknown',
    );
    expect(judge({ delivery: { openCriticalErrorsAtMost: 0 } }).status).toBe(
      'unknown',
    );
  });

  it('judges the last deployment by its age', () => {
    const recent = judge(
      { delivery: { deployedWithinDays: 14 } },
      {
        delivery: {
          lastDeploymentAt: '2026-11-12T12:00:00Z',
          openCriticalErrors: [],
        },
      },
    );
    expect(recent.status).toBe('pass');
    expect((recent.evidence as any).observed[0].daysAgo).toBe(10);
    expect(
      judge(
        { delivery: { deployedWithinDays: 7 } },
        {
          delivery: {
            lastDeploymentAt: '2026-11-12T12:00:00Z',
            openCriticalErrors: [],
          },
        },
      ).status,
    ).toBe('fail');
    const never = judge(
      { delivery: { deployedWithinDays: 7 } },
      { delivery: { openCriticalErrors: [] } },
    );
    expect(never.status).toBe('fail');
    expect((never.evidence as any).observed[0].lastDeploymentAt).toBeNull();
  });

  it('counts open critical errors', () => {
    const delivery = {
      openCriticalErrors: [
        { id: 'e1', openedAt: '2026-11-22T00:00:00Z', message: 'boom' },
      ],
    };
    const outcome = judge(
      { delivery: { openCriticalErrorsAtMost: 0 } },
      { delivery },
    );
    expect(outcome.status).toBe('fail');
    expect((outcome.evidence as any).observed[0]).toMatchObject({
      openCriticalErrors: 1,
      ids: ['e1'],
    });
    expect(
      judge({ delivery: { openCriticalErrorsAtMost: 1 } }, { delivery }).status,
    ).toBe('pass');
  });
});
