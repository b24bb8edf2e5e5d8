import express from 'express';
import request from 'supertest';
import { compressResponses } from './compressResponses';

function app() {
  const router = express();
  router.use(compressResponses());
  router.get('/small', (_req, res) => {
    res.json({ items: [{ id: 1 }] });
  });
  router.post('/large', (_req, res) => {
    res.json({ items: Array.from({ length: 2_000 }, (_, i) => ({ id: i })) });
  });
  router.get('/large', (_req, res) => {
    res.status(201).json({
      items: Array.from({ length: 2_000 }, (_, i) => ({
        id: i,
        version: `1.${i}.0`,
      })),
    });
  });
  return router;
}

describe('compressResponses', () => {
  it('gzips a large answer for a client that takes gzip, keeping its status and content', async () => {
    const response = await request(app())
      .get('/large')
      .set('Accept-Encoding', 'gzip, deflate, br')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(201);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    // The client unzipped it (it would have failed on anything else).
    const body = JSON.parse(response.body.toString('utf8'));
    expect(body.items).toHaveLength(2_000);
    expect(body.items[1999]).toEqual({ id: 1999, version: '1.1999.0' });
  });

  it('sends small answers, and answers to clients without gzip, as they are', async () => {
    const small = await request(app())
      .get('/small')
      .set('Accept-Encoding', 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body).toEqual({ items: [{ id: 1 }] });

    const plain = await request(app())
      .get('/large')
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(plain.body.items).toHaveLength(2_000);
  });

  it('leaves what a write answers as it is', async () => {
    const response = await request(app())
      .post('/large')
      .set('Accept-Encoding', 'gzip');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toBeUndefined();
    expect(response.body.items).toHaveLength(2_000);
  });
});
