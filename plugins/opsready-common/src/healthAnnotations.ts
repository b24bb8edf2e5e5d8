/**
 * The annotation that declares a service's health endpoint; one per
 * environment as `opsready.io/health-url-<environment>`.
 *
 * @public
 */
export const HEALTH_URL_ANNOTATION = 'opsready.io/health-url';
/** Inclusive range of status codes that count as up, e.g. `200-299`. @public */
export const HEALTH_EXPECTED_STATUS_ANNOTATION =
  'opsready.io/health-expected-status';
/** A JSON field and the value it must have, e.g. `status=UP`. @public */
export const HEALTH_EXPECT_BODY_ANNOTATION = 'opsready.io/health-expect-body';

/**
 * One declared health endpoint.
 *
 * @public
 */
export interface DeclaredHealthEndpoint {
  /** `default` for `opsready.io/health-url`, else the annotation's suffix. */
  environment: string;
  url: string;
  expectedStatus?: { min: number; max: number };
  expectBody?: { field: string; value: string };
}

/**
 * The health endpoints an entity declares in its annotations, with the
 * problems found in them (an unreadable status range, say), so that a
 * mistake is shown rather than silently ignored.
 *
 * @public
 */
export function declaredHealthEndpoints(metadata: {
  annotations?: Record<string, string>;
}): { endpoints: DeclaredHealthEndpoint[]; problems: string[] } {
  const annotations = metadata.annotations ?? {};
  const problems: string[] = [];

  let expectedStatus: DeclaredHealthEndpoint['expectedStatus'];
  const status = annotations[HEALTH_EXPECTED_STATUS_ANNOTATION];
  if (status !== undefined) {
    const match = status.trim().match(/^(\d{3})(?:\s*-\s*(\d{3}))?$/);
    if (match && Number(match[1]) <= Number(match[2] ?? match[1])) {
      expectedStatus = {
        min: Number(match[1]),
        max: Number(match[2] ?? match[1]),
      };
    } else {
      problems.push(
        `${HEALTH_EXPECTED_STATUS_ANNOTATION}: '${status}' is not a status or a range such as 200-299`,
      );
    }
  }

  let expectBody: DeclaredHealthEndpoint['expectBody'];
  const body = annotations[HEALTH_EXPECT_BODY_ANNOTATION];
  if (body !== undefined) {
    const index = body.indexOf('=');
    if (index > 0) {
      expectBody = {
        field: body.slice(0, index).trim(),
        value: body.slice(index + 1).trim(),
      };
    } else {
      problems.push(
        `${HEALTH_EXPECT_BODY_ANNOTATION}: '${body}' is not field=value, e.g. status=UP`,
      );
    }
  }

  const endpoints: DeclaredHealthEndpoint[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    let environment: string | undefined;
    if (key === HEALTH_URL_ANNOTATION) {
      environment = 'default';
    } else if (key.startsWith(`${HEALTH_URL_ANNOTATION}-`)) {
      environment = key.slice(HEALTH_URL_ANNOTATION.length + 1);
    }
    if (!environment) {
      continue;
    }
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(environment)) {
      problems.push(
        `${key}: '${environment}' is not an environment name (lower-case letters, digits, '-')`,
      );
      continue;
    }
    endpoints.push({
      environment,
      url: value.trim(),
      ...(expectedStatus ? { expectedStatus } : {}),
      ...(expectBody ? { expectBody } : {}),
    });
  }
  endpoints.sort((a, b) => (a.environment < b.environment ? -1 : 1));
  return { endpoints, problems };
}
