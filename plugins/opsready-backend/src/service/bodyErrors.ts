import { InputError, isError } from '@backstage/errors';
import { truncate } from '../lib/boundedText';

/**
 * An error answered with its own status and nothing but its name and
 * message: Backstage's error handler writes every property of an error into
 * the reply, and body-parser's errors carry the whole request body.
 */
export class RequestBodyError extends Error {
  declare readonly statusCode: number;

  constructor(name: string, message: string, statusCode: number) {
    super(message);
    this.name = name;
    // Read by the error handler for the status; not part of the reply.
    Object.defineProperty(this, 'statusCode', {
      value: statusCode,
      enumerable: false,
    });
  }
}

/**
 * What JSON.parse says is wrong, without the excerpt of the text V8 quotes
 * (`Unexpected token 'o', "not json" is not valid JSON`): the kind of
 * fault and, where it gives one, its position.
 */
export function jsonSyntaxProblem(message: string): string {
  return truncate(
    message.replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, ''),
    120,
  );
}

/**
 * A body parser's error (express.json, express.raw) as the API answers it:
 * 400 for a body that is not JSON, 413 over the limit, 415 for an encoding
 * or charset it does not read; small, and never holding the body.
 */
export function translateBodyError(error: unknown): Error {
  if (!isError(error)) {
    return new InputError('The request body could not be read');
  }
  const { type, limit } = error as { type?: string; limit?: number };
  const status = (error as { status?: number }).status;
  switch (type) {
    case 'entity.parse.failed':
      return new InputError(
        `Request body is not valid JSON: ${jsonSyntaxProblem(error.message)}`,
      );
    case 'entity.too.large':
      return new RequestBodyError(
        'PayloadTooLargeError',
        `Request body is larger than the limit of ${limit} bytes`,
        413,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new RequestBodyError(
        'UnsupportedMediaTypeError',
        truncate(error.message, 120),
        415,
      );
    default:
      // A request aborted or cut short, a body whose length is not the
      // declared one: the client's doing, told in the parser's own words.
      return new RequestBodyError(
        status && status >= 400 && status < 500 ? 'InputError' : error.name,
        truncate(error.message, 120),
        status && status >= 400 && status < 600 ? status : 400,
      );
  }
}
