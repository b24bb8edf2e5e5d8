import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readPrometheusConfig } from './readPrometheusConfig';

const read = (prometheus: JsonObject) =>
  readPrometheusConfig(new ConfigReader({ opsready: { prometheus } }));

describe('readPrometheusConfig', () => {
  it('has no servers, four queries at once and the golden template metrics by default', () => {
    expect(readPrometheusConfig(new ConfigReader({}))).toEqual({
      servers: [],
      concurrency: 4,
      metrics: {
        requests: 'http_requests_total',
        duration: 'http_request_duration_seconds',
        errorCode: '5..',
      },
      environmentLabel: 'environment',
    });
  });

  it('reads the environment label, empty where the series carry none, and refuses what is no label name', () => {
    expect(read({ environmentLabel: 'env' }).environmentLabel).toBe('env');
    expect(read({ environmentLabel: '' }).environmentLabel).toBe('');
    expect(() => read({ environmentLabel: 'env"} or vector(1)' })).toThrow(
      /^opsready\.prometheus\.environmentLabel must be a Prometheus label name/,
    );
  });

  it('reads servers with headers and a timeout in ms or as a duration', () => {
    const config = read({
      servers: [
        {
          name: 'main',
          url: 'http://prometheus:9090/',
          headers: { Authorization: 'Bearer x' },
          timeout: 2500,
        },
        { name: 'eu', url: 'https://eu.example/prom', timeout: 'PT30S' },
        { name: 'us', url: 'https://us.example', timeout: { seconds: 3 } },
        { name: 'asia', url: 'https://asia.example' },
      ],
      concurrency: 8,
      metrics: { requests: 'requests_total', errorCode: '5..|429' },
    });
    expect(config.servers).toEqual([
      {
        name: 'main',
        url: 'http://prometheus:9090',
        headers: { Authorization: 'Bearer x' },
        timeoutMs: 2500,
      },
      {
        name: 'eu',
        url: 'https://eu.example/prom',
        headers: {},
        timeoutMs: 30000,
      },
      { name: 'us', url: 'https://us.example', headers: {}, timeoutMs: 3000 },
      {
        name: 'asia',
        url: 'https://asia.example',
        headers: {},
        timeoutMs: 10000,
      },
    ]);
    expect(config.concurrency).toBe(8);
    expect(config.metrics).toEqual({
      requests: 'requests_total',
      duration: 'http_request_duration_seconds',
      errorCode: '5..|429',
    });
  });

  it.each([
    [
      { servers: [{ name: 'a', url: 'ftp://x' }] },
      "opsready.prometheus.servers[0].url must be an http or https URL, got 'ftp://x'",
    ],
    [
      { servers: [{ name: 'a', url: 'http://user:pw@x' }] },
      'opsready.prometheus.servers[0].url must not carry credentials; put them in opsready.prometheus.servers[0].headers',
    ],
    [
      {
        servers: [
          { name: 'a', url: 'http://x' },
          { name: 'a', url: 'http://y' },
        ],
      },
      "opsready.prometheus.servers[1].name 'a' is used twice; names must be unique",
    ],
    [
      { servers: [{ name: 'a', url: 'http://x', timeout: 0 }] },
      'opsready.prometheus.servers[0].timeout must be from 1 ms to 120000 ms, got 0',
    ],
    [
      { servers: [{ name: 'a', url: 'http://x', timeout: 'soon' }] },
      'opsready.prometheus.servers[0].timeout must be milliseconds or a duration',
    ],
    [
      { concurrency: 0 },
      'opsready.prometheus.concurrency must be a whole number from 1 to 64, got 0',
    ],
    [
      { metrics: { requests: 'http requests' } },
      "opsready.prometheus.metrics.requests must be a Prometheus metric name, got 'http requests'",
    ],
    [
      { metrics: { errorCode: '5.."}' } },
      'opsready.prometheus.metrics.errorCode must be a regular expression without quotes',
    ],
  ])('stops start-up naming the key: %j', (prometheus, message) => {
    expect(() => read(prometheus as JsonObject)).toThrow(message);
  });

  it('names the key of a server without a url', () => {
    expect(() => read({ servers: [{ name: 'a' }] })).toThrow(
      /opsready\.prometheus\.servers\[0\]\.url/,
    );
  });
});
