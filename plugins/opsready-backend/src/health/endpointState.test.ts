import {
  EndpointState,
  initialEndpointState,
  nextEndpointState,
  Transition,
} from './endpointState';

function run(probes: Array<boolean | string>, start = initialEndpointState) {
  let state: EndpointState = start;
  const transitions: Transition[] = [];
  probes.forEach((probe, i) => {
    const up = probe === true;
    const result = nextEndpointState(state, {
      up,
      at: new Date(Date.UTC(2026, 10, 22, 10, i)),
      reason: typeof probe === 'string' ? probe : undefined,
    });
    state = result.state;
    if (result.transition) transitions.push(result.transition);
  });
  return { state, transitions };
}

describe('nextEndpointState', () => {
  it('decides an unknown endpoint on its first probe', () => {
    expect(run([true]).state.status).toBe('up');
    expect(run(['connection failed: ECONNREFUSED']).transitions).toEqual([
      {
        from: 'unknown',
        to: 'down',
        at: '2026-11-22T10:00:00.000Z',
        reason: 'connection failed: ECONNREFUSED',
      },
    ]);
  });

  it('turns down only after three failures in a row', () => {
    const { state, transitions } = run([true, 'a', 'b', true, 'c', 'd', 'e']);
    expect(state.status).toBe('down');
    expect(transitions.map(t => `${t.to}@${t.at.slice(14, 16)}`)).toEqual([
      'up@00',
      'down@06',
    ]);
    expect(transitions[1].reason).toBe('e');
  });

  it('turns up again only after two successes in a row', () => {
    const { state, transitions } = run(['a', true, 'b', true, true]);
    expect(state.status).toBe('up');
    expect(transitions.map(t => t.to)).toEqual(['down', 'up']);
    expect(state.since).toBe('2026-11-22T10:04:00.000Z');
  });

  it('marks an endpoint that keeps changing as flapping, and calms down after the window', () => {
    // Up, then down after 3 failures, up after 2 successes, and again.
    const flappy = [true, 'x', 'x', 'x', true, true, 'x', 'x', 'x', true, true];
    const { state } = run(flappy);
    expect(state.recentTransitions).toHaveLength(4);
    expect(state.flapping).toBe(true);

    const calm = nextEndpointState(state, {
      up: true,
      at: new Date(Date.UTC(2026, 10, 22, 12, 0)),
    });
    expect(calm.state.flapping).toBe(false);
    expect(calm.state.recentTransitions).toEqual([]);
  });
});
