/**
 * The read's answer, or the signal's reason once it aborts. Not every URL
 * reader passes the signal to every request it makes (GitHub's passes it
 * to the archive download only, not to its request for the ref's commit):
 * without this, a host that never answers would hold the read for good.
 *
 * @public
 */
export function untilAborted<T>(
  read: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  if (signal.aborted) {
    read.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    read.then(
      value => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
