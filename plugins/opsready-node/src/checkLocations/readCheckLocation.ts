import { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import { untilAborted } from '../lib/untilAborted';

/**
 * What one read of a check location gave: the file is as it was at `etag`,
 * or its new text.
 *
 * @public
 */
export type CheckLocationRead =
  | { status: 'unchanged' }
  | { status: 'read'; text: string; etag?: string };

/**
 * Limits on reading a check location.
 *
 * @public
 */
export const checkLocationLimits = {
  /** Bytes of one file; a policy file is small, anything larger is a mistake. */
  maxBytes: 1024 * 1024,
  /** How long one read may take, in milliseconds, unless the caller says. */
  timeoutMs: 30_000,
} as const;

/**
 * Why a check location could not be read: the host did not answer, timed
 * out, or said no. Apart from a file that was read but is wrong, so that a
 * caller can fall back to the copy it kept.
 *
 * @public
 */
export class CheckLocationUnreachableError extends Error {
  constructor(target: string, cause: unknown) {
    super(
      `Check location ${target} could not be read: ${
        (cause as Error | undefined)?.message ?? String(cause)
      }`,
    );
    this.name = 'CheckLocationUnreachableError';
  }
}

/**
 * Reads a YAML file of declarative checks through the URL reader,
 * conditionally on the etag of the last read, within a timeout. Any failure
 * to read throws `CheckLocationUnreachableError`; a file over
 * `checkLocationLimits.maxBytes` throws a plain Error, as a bad file.
 *
 * @public
 */
export async function readCheckLocation(
  urlReader: UrlReaderService,
  target: string,
  options: { etag?: string; timeoutMs?: number } = {},
): Promise<CheckLocationRead> {
  const signal = AbortSignal.timeout(
    options.timeoutMs ?? checkLocationLimits.timeoutMs,
  );
  let buffer: Buffer;
  let etag: string | undefined;
  try {
    const response = await untilAborted(
      urlReader.readUrl(target, { etag: options.etag, signal }),
      signal,
    );
    buffer = await untilAborted(response.buffer(), signal);
    etag = response.etag || undefined;
  } catch (error) {
    if (
      error instanceof NotModifiedError ||
      (error as Error | undefined)?.name === 'NotModifiedError'
    ) {
      return { status: 'unchanged' };
    }
    throw new CheckLocationUnreachableError(target, error);
  }
  if (buffer.length > checkLocationLimits.maxBytes) {
    throw new Error(
      `Check location ${target} is ${buffer.length} bytes, more than the ${checkLocationLimits.maxBytes} a file of checks may be`,
    );
  }
  return { status: 'read', text: buffer.toString('utf8'), etag };
}
