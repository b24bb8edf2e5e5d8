import { ResponseError } from '@backstage/errors';

/**
 * The headline of an error panel: the backend's own message when there is
 * one ("No entity … in the catalog"), not just "Request failed with 404".
 */
export function errorTitle(error: Error): string {
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const cause = (error as ResponseError).cause;
    if (cause?.message) {
      return cause.message;
    }
  }
  return error.message;
}
