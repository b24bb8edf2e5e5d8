import { ConfigReader } from '@backstage/config';
import { serviceComponent } from '../checks/testFacts';
import { freshServiceFacts, readLiveDataSources } from './newService';

const now = new Date('2026-12-07T09:00:00Z');

describe('readLiveDataSources', () => {
  it('probes unless told not to, and reads clusters only with a kubernetes config', () => {
    expect(readLiveDataSources(new ConfigReader({}))).toEqual({
      health: true,
      kubernetes: false,
    });
    expect(
      readLiveDataSources(
        new ConfigReader({
          kubernetes: { serviceLocatorMethod: { type: 'multiTenant' } },
          opsready: { health: { enabled: false } },
        }),
      ),
    ).toEqual({ health: false, kubernetes: true });
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
