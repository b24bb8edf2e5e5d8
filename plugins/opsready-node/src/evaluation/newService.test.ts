import { ConfigReader } from '@backstage/config';
import { serviceComponent } from '../checks/testFacts';
import { freshServiceFacts, readLiveDataSources } from './newService';

const now = new Date('2026-12-07T09:00:00Z');

describe('readLiveDataSources', () => {
  it('probes unless told not to, and reads clusters only with a kubernetes config', () => {
    expect(readLiveDataSources(new ConfigReader({}))).toEqual({
      health: true,
      kubernetes: false,
      sloDefaults: [],
    });
    expect(
      readLiveDataSources(
        new ConfigReader({
          kubernetes: { serviceLocatorMethod: { type: 'multiTenant' } },
          opsready: { health: { enabled: false } },
        }),
      ),
    ).toEqual({ health: false, kubernetes: true, sloDefaults: [] });
    expect(
      readLiveDataSources(
        new ConfigReader({
          kubernetes: { serviceLocatorMethod: { type: 'multiTenant' } },
          opsready: { kubernetes: { enabled: false } },
        }),
      ).kubernetes,
    ).toBe(false);
  });
});

describe('freshServiceFacts', () => {
  const linked = serviceComponent({
    metadata: { annotations: { 'backstage.io/kubernetes-id': 'refunds' } },
  });

  it('gives what working sources have of a service that never ran: nothing measured, nothing running, its creation', () => {
    expect(
      freshServiceFacts(linked, { health: true, kubernetes: true }, now),
    ).toEqual({
      health: { windowHours: 24, endpoints: [] },
      kubernetes: { live: [] },
      delivery: {
        provisionedAt: '2026-12-07T09:00:00.000Z',
        openCriticalErrors: [],
      },
    });
  });

  it('gives nothing from a source the portal does not read, nor live objects for an entity it cannot select them by', () => {
    expect(
      freshServiceFacts(linked, { health: false, kubernetes: false }, now),
    ).toEqual({
      delivery: expect.any(Object),
    });
    expect(
      freshServiceFacts(
        serviceComponent(),
        { health: true, kubernetes: true },
        now,
      ).kubernetes,
    ).toBeUndefined();
  });
});

describe('the SLO facts of a service that never ran', () => {
  it('are its objectives and no measurement, so that its error budget is pending', () => {
    const declared = serviceComponent({
      metadata: {
        annotations: {
          'opsready.io/slo': 'availability: 99.9%\nwindow: 28d\n',
        },
      },
    });
    const { slo } = freshServiceFacts(
      declared,
      { health: true, kubernetes: false },
      now,
    );
    expect(slo).toEqual({
      spec: expect.objectContaining({
        availability: { target: 0.999, windowDays: 28 },
        declaredBy: 'annotation',
      }),
    });
  });

  it('follow the configured defaults, as the portal does, and are absent when nothing applies', () => {
    const defaults = [
      {
        lifecycle: 'production',
        availability: { target: 0.995, windowDays: 28 },
      },
    ];
    expect(
      freshServiceFacts(
        serviceComponent(),
        { health: true, kubernetes: false, sloDefaults: defaults },
        now,
      ).slo?.spec,
    ).toEqual(expect.objectContaining({ declaredBy: 'defaults' }));
    expect(
      freshServiceFacts(
        serviceComponent(),
        { health: true, kubernetes: false },
        now,
      ).slo,
    ).toBeUndefined();
  });
});
