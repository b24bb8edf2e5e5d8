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
