import assert from 'node:assert/strict';
import { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createLogger } from './logger';
import { createApp } from './server';

const app = createApp({ service: 'test', logger: createLogger('test') });
let base = '';

before(async () => {
  await new Promise<void>(resolve => app.server.listen(0, resolve));
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

after(() => {
  app.server.close();
});

test('/healthz answers while the process is up', async () => {
  const response = await fetch(`${base}/healthz`);
  assert.equal(response.status, 200);
});

test('/readyz answers 503 until the service is ready, then 200', async () => {
  app.setReady(false);
  assert.equal((await fetch(`${base}/readyz`)).status, 503);
  app.setReady(true);
  assert.equal((await fetch(`${base}/readyz`)).status, 200);
});

test('/metrics counts the requests served', async () => {
  await fetch(`${base}/`);
  const text = await (await fetch(`${base}/metrics`)).text();
  assert.match(
    text,
    /http_requests_total\{method="GET",route="\/",code="200"\} \d+/,
  );
});

test('routes of the service are served, counted and timed like the built-in ones', async () => {
  const extended = createApp({
    service: 'test',
    logger: createLogger('test'),
    routes: {
      '/orders': (_req, res) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":"no orders"}');
      },
    },
  });
  await new Promise<void>(resolve => extended.server.listen(0, resolve));
  const url = `http://127.0.0.1:${
    (extended.server.address() as AddressInfo).port
  }`;
  try {
    assert.equal((await fetch(`${url}/orders`)).status, 500);
    const text = await (await fetch(`${url}/metrics`)).text();
    assert.match(
      text,
      /http_requests_total\{method="GET",route="\/orders",code="500"\} 1/,
    );
  } finally {
    extended.server.close();
  }
});

test('the health and metrics endpoints cannot be replaced', () => {
  assert.throws(
    () =>
      createApp({
        service: 'test',
        logger: createLogger('test'),
        routes: { '/healthz': () => undefined },
      }),
    /built in/,
  );
});
