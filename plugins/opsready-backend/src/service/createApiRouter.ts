import {
  ApiRouter,
  createValidatedOpenApiRouter,
} from '@backstage/backend-openapi-utils';
import { InputError, isError } from '@backstage/errors';
import express from 'express';
import { spec } from '../schema/openapi/generated';

/** The typed router every part of the OpsReady API is served through. */
export type OpsReadyApiRouter = ApiRouter<typeof spec>;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type SpecPath = keyof typeof spec.paths;

export interface ApiRouterOptions {
  /** The paths of openapi.yaml this router serves. */
  paths: SpecPath[];
  /**
   * Parses the body of a request to one of those paths (raw for a signed
   * webhook, a larger limit for an ingest batch); requests to other paths
   * pass untouched, and unvalidated, to the routers mounted after this one.
   */
  bodyParser(method: string, path: SpecPath): express.RequestHandler;
  /**
   * The word a body's 400 names it by ("Invalid exemption: ..."), as the
   * semantic checks name it, so the spec's and the code's answers read alike.
   */
  bodyNames?: Partial<Record<OperationKey, string>>;
  /**
   * The route's own parsing of its input (zod, with messages that say what
   * a value should look like). Where the spec rejects a request, this runs
   * first, and its 400 is given if it has one: never a vaguer message than
   * the route would have given.
   */
  inputChecks?: Partial<
    Record<OperationKey, (req: express.Request) => unknown>
  >;
}

type OperationKey = `${Uppercase<Method>} ${SpecPath}`;

function templateToPattern(path: string): RegExp {
  const escaped = path
    .split(/\{[^}]+\}/)
    .map(part => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}/?$`);
}

/**
 * A router validated against the part of the spec it serves: each router of
 * the API keeps its own body parser and limits, and its validator answers
 * only for its own operations, so routers mounted side by side under one
 * prefix do not judge each other's requests.
 */
export function createApiRouter(options: ApiRouterOptions): OpsReadyApiRouter {
  const served = options.paths.map(path => ({
    path,
    pattern: templateToPattern(path),
  }));
  // Paths relative to where the router is mounted: the spec's server URL
  // (/api/opsready) is the plugin's mount point, not part of the request
  // path a router sees.
  const own = {
    ...spec,
    servers: [{ url: '/' }],
    paths: Object.fromEntries(options.paths.map(p => [p, spec.paths[p]])),
  } as unknown as typeof spec;

  // The validator turns every error before it into a 400; a body parser's
  // own answer (413 for a body over the limit, 415) is kept aside and given
  // once the validator has run.
  const bodyErrors = new WeakMap<express.Request, unknown>();
  const parseOwnBodies: express.RequestHandler = (req, res, next) => {
    const match = served.find(({ pattern }) => pattern.test(req.path));
    if (!match) {
      // Another router's request: it leaves this router at once, rather
      // than pass its validator (which would look the path up in this
      // router's part of the spec only to let it through) and its routes.
      next('router');
      return;
    }
    options.bodyParser(req.method, match.path)(req, res, error => {
      if (error) bodyErrors.set(req, error);
      next();
    });
  };
  const router = createValidatedOpenApiRouter<typeof spec>(own, {
    middleware: [parseOwnBodies],
    // Who may call is the backend's auth policy and httpAuth's to decide.
    validatorOptions: { validateSecurity: false },
  });
  router.use((req, _res, next) => next(bodyErrors.get(req)));

  // The validator's messages ("request/query/limit must be <= 200") in the
  // API's own form ("Invalid query: limit: must be <= 200").
  const inHouseForm: express.ErrorRequestHandler = (error, req, _res, next) => {
    if (bodyErrors.has(req)) {
      next(bodyErrors.get(req));
      return;
    }
    if (!isError(error) || error.name !== 'InputError') {
      next(error);
      return;
    }
    const match = served.find(({ pattern }) => pattern.test(req.path));
    const key = match
      ? (`${req.method.toUpperCase()} ${match.path}` as OperationKey)
      : undefined;
    const ownCheck = key && options.inputChecks?.[key];
    if (ownCheck) {
      try {
        ownCheck(req);
      } catch (ownError) {
        next(ownError);
        return;
      }
    }
    const bodyName = (key && options.bodyNames?.[key]) ?? 'request body';
    next(new InputError(rewordValidatorMessage(error.message, bodyName)));
  };
  // Runs after the validator, before any route.
  router.use(inHouseForm);
  return router;
}

/** Exported for its test. */
export function rewordValidatorMessage(
  message: string,
  bodyName: string,
): string {
  const unknownQuery = /^Unknown query parameter '([^']+)'$/.exec(message);
  if (unknownQuery) {
    return `Invalid query: ${unknownQuery[1]}: not a parameter of this route`;
  }
  const parts = message.split(/, (?=request\/)/).map(part => {
    const found = /^request\/(query|body|params|headers)\/?(\S*) (.*)$/s.exec(
      part,
    );
    if (!found) return undefined;
    const [, where, field, text] = found;
    return { where, field: field.replace(/\//g, '.'), text };
  });
  if (parts.length === 0 || parts.some(p => !p)) {
    return message;
  }
  const first = parts[0]!;
  const labels: Record<string, string> = { body: bodyName, params: 'path' };
  const label = labels[first.where] ?? first.where;
  return `Invalid ${label}: ${parts
    .map(p => (p!.field ? `${p!.field}: ${p!.text}` : p!.text))
    .join('; ')}`;
}

/**
 * A domain type as the plain object type the typed responses are compared
 * with: an interface has no implicit index signature, a mapped type does,
 * and every field is still checked against the spec.
 */
export type Plain<T> = T extends Array<infer Item>
  ? Plain<Item>[]
  : T extends object
  ? { [K in keyof T]: Plain<T[K]> }
  : T;

/** The value itself, typed as {@link Plain}. */
export function plain<T>(value: T): Plain<T> {
  return value as Plain<T>;
}

/**
 * `GET /openapi.json`: the whole spec. Mounted before the routers, each of
 * which would otherwise answer with the part it serves.
 */
export function createSpecRouter(): express.Router {
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  return router;
}
