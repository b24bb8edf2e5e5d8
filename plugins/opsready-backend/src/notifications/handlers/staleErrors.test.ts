import { staleErrorHandlers } from './staleErrors';

const event = {
  type: 'error.stale' as const,
  entityRef: 'component:default/cartservice',
  environment: 'production',
  errorId: 'err-1',
  fingerprint: 'redis',
  message: 'redis unreachable',
  openedAt: '2026-12-06T10:00:00.000Z',
  ageHours: 30,
};

describe('staleErrorHandlers', () => {
  it('reminds the owners at most once a day, linking the errors tab, held in maintenance', async () => {
    expect(await staleErrorHandlers['error.stale'](event)).toEqual([
      {
        entityRef: 'component:default/cartservice',
        environment: 'production',
        topic: 'errors',
        kind: 'error.stale',
        severity: 'critical',
        title:
          'cartservice: a critical error in production has been open for 30 hours',
        description: expect.stringContaining(
          'redis unreachable — open since 2026-12-06T10:00:00.000Z',
        ),
        link: '/catalog/default/component/cartservice/opsready-errors',
        scope: 'stale:component:default/cartservice:redis',
        holdable: true,
        once: {
          key: 'stale:component:default/cartservice:redis',
          withinMs: 24 * 3600_000,
        },
      },
    ]);
  });

  it('counts days past two days, and is never digested', async () => {
    const [notice] = await staleErrorHandlers['error.stale']({
      ...event,
      ageHours: 80,
    });
    expect(notice.title).toContain('open for 3 days');
    expect(notice.digestible).toBeFalsy();
  });
});
