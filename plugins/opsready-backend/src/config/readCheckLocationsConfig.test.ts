import { ConfigReader } from '@backstage/config';
import { readCheckLocationsConfig } from './readCheckLocationsConfig';

const POLICY = 'https://github.com/acme/policy/blob/main/opsready/checks.yaml';

const read = (checks: unknown) =>
  readCheckLocationsConfig(new ConfigReader({ opsready: { checks } } as any));

describe('readCheckLocationsConfig', () => {
  it('reads no locations, re-read every 10 minutes, when none are configured', () => {
    expect(read({})).toEqual({
      targets: [],
      schedule: expect.objectContaining({ frequency: { minutes: 10 } }),
    });
  });

  it('reads the targets and a configured schedule', () => {
    expect(
      read({
        locations: [{ target: POLICY }],
        locationsSchedule: { frequency: { minutes: 2 }, timeout: 'PT1M' },
      }),
    ).toEqual({
      targets: [POLICY],
      schedule: expect.objectContaining({ frequency: { minutes: 2 } }),
    });
  });

  it('names the key of a target that is not a URL, or given twice', () => {
    expect(() => read({ locations: [{ target: 'checks.yaml' }] })).toThrow(
      "opsready.checks.locations[0].target must be an absolute URL, got 'checks.yaml'",
    );
    expect(() =>
      read({ locations: [{ target: 'file:///etc/passwd' }] }),
    ).toThrow(
      'opsready.checks.locations[0].target must be an http or https URL',
    );
    expect(() =>
      read({ locations: [{ target: POLICY }, { target: POLICY }] }),
    ).toThrow(
      'opsready.checks.locations[1].target is the same as opsready.checks.locations[0].target',
    );
  });
});
