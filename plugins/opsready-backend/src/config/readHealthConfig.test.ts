import { ConfigReader } from '@backstage/config';
import { readHealthConfig } from './readHealthConfig';

describe('readHealthConfig', () => {
  it('has safe defaults: 5 s timeout, no redirects, nothing allow-listed', () => {
    const config = readHealthConfig(new ConfigReader({}));
    expect(config).toMatchObject({
      enabled: true,
      shards: 1,
      timeoutMs: 5000,
      concurrency: 2048,
      suspectConcurrency: 1024,
      perHostConcurrency: 4,
      retries: 1,
      maxRedirects: 0,
      maxBodyBytes: 65536,
      allow: [],
      headers: {},
      rules: { failureThreshold: 3, successThreshold: 2 },
      retentionDays: 30,
    });
    expect(config.schedule.frequency).toEqual({ seconds: 60 });
  });

  it('reads the allow-list, headers, shards and thresholds', () => {
    const config = readHealthConfig(
      new ConfigReader({
        opsready: {
          health: {
            allow: ['127.0.0.1', '*.svc.cluster.local'],
            headers: { 'x-probe': 'opsready' },
            shards: 4,
            failureThreshold: 5,
          },
        },
      }),
    );
    expect(config.allow).toEqual(['127.0.0.1', '*.svc.cluster.local']);
    expect(config.headers).toEqual({ 'x-probe': 'opsready' });
    expect(config.shards).toBe(4);
    expect(config.rules.failureThreshold).toBe(5);
  });

  it('reads the lanes: the main one and the one for endpoints that timed out', () => {
    const config = readHealthConfig(
      new ConfigReader({
        opsready: { health: { concurrency: 256, suspectConcurrency: 32 } },
      }),
    );
    expect(config).toMatchObject({ concurrency: 256, suspectConcurrency: 32 });
  });

  it('stops naming the key when a lane has no slot', () => {
    expect(() =>
      readHealthConfig(
        new ConfigReader({ opsready: { health: { suspectConcurrency: 0 } } }),
      ),
    ).toThrow(
      'opsready.health.suspectConcurrency must be a number of at least 1, got 0',
    );
  });

  it('stops with the key on a mistake', () => {
    expect(() =>
      readHealthConfig(
        new ConfigReader({ opsready: { health: { shards: 0 } } }),
      ),
    ).toThrow('opsready.health.shards must be a number of at least 1, got 0');
  });

  it('stops at startup on a bad allow-list entry, naming it', () => {
    expect(() =>
      readHealthConfig(
        new ConfigReader({
          opsready: {
            health: { allow: ['127.0.0.1:7110-7119', '127.0.0.1:7007-70'] },
          },
        }),
      ),
    ).toThrow(
      "opsready.health.allow entry '127.0.0.1:7007-70' has a bad port '7007-70'",
    );
  });

  it("reads the backend's own endpoints, which are never probed", () => {
    expect(
      readHealthConfig(
        new ConfigReader({
          backend: { baseUrl: 'http://localhost:7007', listen: { port: 7007 } },
        }),
      ).own,
    ).toEqual([{ port: 7007 }, { host: 'localhost', port: 7007 }]);
  });
});
