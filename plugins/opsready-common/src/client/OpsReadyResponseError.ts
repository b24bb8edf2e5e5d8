/**
 * The error body the OpsReady backend sends, as every Backstage backend does.
 *
 * @public
 */
export interface OpsReadyErrorBody {
  error: { name: string; message: string; [key: string]: unknown };
  request?: { method: string; url: string };
  response: { statusCode: number };
}

/**
 * The OpsReady backend answered with an error status. Shaped like
 * `ResponseError` of `@backstage/errors` (`statusCode`, `body`, `cause`
 * carrying the server's name and message) for callers that do not use that
 * package.
 *
 * @public
 */
export class OpsReadyResponseError extends Error {
  readonly statusCode: number;
  readonly statusText: string;
  readonly body: OpsReadyErrorBody;
  readonly cause: Error;

  /** Reads the body of a response that is not ok and makes the error of it. */
  static async fromResponse(
    response: Response,
  ): Promise<OpsReadyResponseError> {
    return new OpsReadyResponseError(
      response,
      parseErrorBody(response, await response.text().catch(() => '')),
    );
  }

  private constructor(response: Response, body: OpsReadyErrorBody) {
    super(
      `Request failed with ${response.status} ${response.statusText}, ${body.error.message}`,
    );
    this.name = 'OpsReadyResponseError';
    this.statusCode = response.status;
    this.statusText = response.statusText;
    this.body = body;
    this.cause = Object.assign(new Error(body.error.message), {
      name: body.error.name,
    });
  }
}

function parseErrorBody(response: Response, text: string): OpsReadyErrorBody {
  try {
    const parsed = JSON.parse(text);
    if (
      typeof parsed?.error?.message === 'string' &&
      typeof parsed?.error?.name === 'string'
    ) {
      return {
        ...parsed,
        response: { statusCode: response.status },
      };
    }
  } catch {
    // Not JSON: the text itself is the best account of what went wrong.
  }
  return {
    error: {
      name: 'Error',
      message: text || `${response.status} ${response.statusText}`.trim(),
    },
    response: { statusCode: response.status },
  };
}
