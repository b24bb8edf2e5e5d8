import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readMaintenanceConfig } from './readMaintenanceConfig';

const read = (deploymentWindow: JsonValue) =>
  readMaintenanceConfig(
    new ConfigReader({ opsready: { maintenance: { deploymentWindow } } }),
  );

describe('readMaintenanceConfig', () => {
  it('opens no deployment windows unless told to, 15 minutes long by default', () => {
    expect(readMaintenanceConfig(new ConfigReader({}))).toEqual({
      deploymentWindow: { enabled: false, durationMs: 15 * 60_000 },
    });
    expect(read({ enabled: true })).toEqual({
      deploymentWindow: { enabled: true, durationMs: 15 * 60_000 },
    });
  });

  it('reads the duration as an object or ISO 8601', () => {
    expect(
      read({ enabled: true, duration: { minutes: 30 } }).deploymentWindow
        .durationMs,
    ).toBe(30 * 60_000);
    expect(read({ duration: 'PT2H' }).deploymentWindow.durationMs).toBe(
      2 * 3600_000,
    );
  });

  it('stops start-up naming the key for a duration it cannot use', () => {
    expect(() => read({ duration: 'soon' })).toThrow(
      /^opsready\.maintenance\.deploymentWindow\.duration must be a duration/,
    );
    expect(() => read({ duration: { days: 2 } })).toThrow(
      'opsready.maintenance.deploymentWindow.duration must be from 1 minute to 24 hours, got 172800000 ms',
    );
  });
});
