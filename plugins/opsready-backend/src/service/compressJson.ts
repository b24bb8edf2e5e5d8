import express from 'express';
import { gzip } from 'node:zlib';

/** Below this, an answer goes as it is (the backend's own middleware decides). */
const MIN_BYTES = 16 * 1024;
/** Fastest: JSON still shrinks about eight-fold, at a fraction of the default level's time. */
const LEVEL = 1;

/**
 * Sends large JSON answers (a page of 500 deployments is about 300 KB)
 * gzipped at the fastest level, in zlib's thread pool.
 *
 * The backend compresses every answer itself, as a stream on the main
 * thread, with brotli (quality 4) for browsers and gzip's default level
 * otherwise; for a page of 500 that took longer than finding and shaping
 * the rows. An answer already encoded is left alone by that middleware.
 */
export function compressJson(): express.RequestHandler {
  return (req, res, next) => {
    res.json = (body?: unknown) => {
      const text = JSON.stringify(body) ?? '';
      if (!res.get('Content-Type')) {
        res.set('Content-Type', 'application/json; charset=utf-8');
      }
      if (
        text.length < MIN_BYTES ||
        req.method === 'HEAD' ||
        !req.acceptsEncodings('gzip')
      ) {
        return res.send(text);
      }
      gzip(text, { level: LEVEL }, (error, zipped) => {
        if (error) {
          res.send(text);
          return;
        }
        res.set('Content-Encoding', 'gzip');
        res.vary('Accept-Encoding');
        res.send(zipped);
      });
      return res;
    };
    next();
  };
}
