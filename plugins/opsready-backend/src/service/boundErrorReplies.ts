import { isError, serializeError } from '@backstage/errors';
import express from 'express';
import { MAX_MESSAGE_LENGTH, truncate } from '../lib/boundedText';

/** The statuses of the errors a caller's request causes, by name. */
const CLIENT_ERRORS: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
};

/** The longest request URL an error reply repeats. */
const MAX_URL_LENGTH = 512;

function clientStatus(error: Error): number | undefined {
  const { statusCode, status } = error as {
    statusCode?: unknown;
    status?: unknown;
  };
  const given = [statusCode, status].find(s => typeof s === 'number');
  const code = (given as number | undefined) ?? CLIENT_ERRORS[error.name];
  return code && code >= 400 && code < 500 ? code : undefined;
}

/**
 * Mounted after the API's routers. Backstage's error handler repeats the
 * request URL in every error reply, so a request with a long query would
 * get it all back: for an error of the caller's making with such a URL,
 * this answers in the same shape with the URL cut short. Every other error
 * goes on to Backstage's handler (which logs server errors), its message
 * bounded.
 */
export function boundErrorReplies(): express.RequestHandler {
  const handler: express.ErrorRequestHandler = (error, req, res, next) => {
    if (!isError(error) || res.headersSent) {
      next(error);
      return;
    }
    if (error.message.length > MAX_MESSAGE_LENGTH) {
      error.message = truncate(error.message, MAX_MESSAGE_LENGTH);
    }
    const status = clientStatus(error);
    if (!status || req.originalUrl.length <= MAX_URL_LENGTH) {
      next(error);
      return;
    }
    res.status(status).json({
      error: serializeError({ name: error.name, message: error.message }),
      request: {
        method: req.method,
        url: truncate(req.originalUrl, MAX_URL_LENGTH),
      },
      response: { statusCode: status },
    });
  };
  // Express tells an error handler by its four parameters (a router in
  // between would hide it); the HTTP router service's type names only
  // request handlers.
  return handler as unknown as express.RequestHandler;
}
