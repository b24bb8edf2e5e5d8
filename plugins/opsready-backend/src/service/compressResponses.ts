import compression from 'compression';
import express from 'express';

/** Below this, an answer goes as it is. */
const THRESHOLD_BYTES = 16 * 1024;
/** Fastest: JSON still shrinks about eight-fold, at a fraction of the default level's time. */
const LEVEL = 1;

/**
 * Compresses large answers (a page of 500 deployments is a few hundred KB)
 * with gzip at the fastest level, in zlib's thread pool. Brotli is taken out
 * of the negotiation: at the quality browsers are otherwise given it costs
 * more than finding and shaping the rows. An answer already encoded here is
 * left alone by the backend's own compression.
 */
export function compressResponses(): express.RequestHandler {
  // @types/compression is typed against another copy of express's types.
  const compress = compression({
    threshold: THRESHOLD_BYTES,
    level: LEVEL,
  }) as unknown as express.RequestHandler;
  return (req, res, next) => {
    // Only reads answer with pages; what a write answers (an ingest's
    // counts, a resolved error) is small, and wrapping its answer for
    // nothing costs a webhook delivery time it can spend better.
    if (req.method !== 'GET') {
      next();
      return;
    }
    const accepted = req.headers['accept-encoding'];
    if (accepted) {
      req.headers['accept-encoding'] = accepted
        .split(',')
        .filter(coding => coding.trim().split(';')[0] !== 'br')
        .join(',');
    }
    compress(req, res, next);
  };
}
