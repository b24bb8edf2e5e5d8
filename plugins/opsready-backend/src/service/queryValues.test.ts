import { mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { spec } from '../schema/openapi/generated';
import { startWith } from './__testUtils__/eventsBackend';

/*
 * Every query parameter of every route in openapi.yaml, given a value it
 * cannot mean, answers 400 naming the parameter — never 200 with nothing.
 * The routes and parameters come from the spec: a new one is covered as
 * soon as it is written there.
 */

type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  schema?: {
    type?: string;
    enum?: readonly string[];
    format?: string;
    minimum?: number;
    maximum?: number;
    maxLength?: number;
    pattern?: string;
  };
};

const resolve = (param: any): Parameter =>
  param.$ref
    ? (spec.components.parameters as any)[param.$ref.split('/').pop()]
    : param;

/** A value each required parameter is fine with, so that only one is wrong at a time. */
const validValues: Record<string, string> = {
  entityRef: 'component:default/cartservice',
  minLevel: 'bronze',
  owner: 'group:default/payments',
};

/**
 * Values no route can mean for a parameter whose schema cannot say so:
 * levels come from config, refs and cursors have a form.
 */
const semanticBogus: Record<string, string[]> = {
  level: ['platinum'],
  minLevel: ['platinum'],
  owner: [':payments'],
  entityRef: [':cartservice'],
  kind: ['not a kind'],
  cursor: ['not-a-cursor!'],
};

/** What the schema says no value may be. */
function bogusValues(param: Parameter): string[] {
  const schema = param.schema ?? {};
  const values: string[] = [...(semanticBogus[param.name] ?? [])];
  if (schema.enum) values.push('bogus-value');
  if (schema.type === 'integer') {
    values.push('abc', '1.5');
    if (schema.minimum !== undefined) values.push(String(schema.minimum - 1));
    if (schema.maximum !== undefined) values.push(String(schema.maximum + 1));
  }
  if (schema.type === 'boolean') values.push('maybe');
  if (schema.format === 'date-time') values.push('not-a-date', '2026-13-45');
  if (schema.type === 'string' && schema.maxLength !== undefined) {
    values.push('x'.repeat(schema.maxLength + 1));
  }
  return values;
}

const queryRoutes = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'post', 'patch', 'delete'].includes(method))
    .map(([method, operation]) => ({
      method,
      path: path
        .replace('{kind}/{namespace}/{name}', 'component/default/cartservice')
        .replace('{id}', 'nope'),
      template: path,
      query: (((operation as any).parameters ?? []) as unknown[])
        .map(resolve)
        .filter(p => p.in === 'query'),
    })),
);

const getRoutes = queryRoutes.filter(r => r.query.length > 0);

const webhooksOpen = mockServices.rootConfig.factory({
  data: {
    opsready: {
      webhooks: {
        github: { secret: 's' },
        alertmanager: { token: 't' },
        argocd: { token: 't' },
      },
    },
  },
});

describe('query values', () => {
  // One backend for the table: starting one per route would be slow.
  let app: Awaited<ReturnType<typeof startWith>>;
  beforeAll(async () => {
    app = await startWith(webhooksOpen);
  }, 60_000);

  it('every query parameter in the spec has a value it refuses', () => {
    const without = getRoutes.flatMap(r =>
      r.query
        .filter(p => bogusValues(p).length === 0)
        .map(p => `${r.template} ${p.name}`),
    );
    // Give the parameter an enum, a format, bounds or a maxLength in
    // openapi.yaml, or a value above that it can never mean.
    expect(without).toEqual([]);
  });

  it.each(getRoutes.map(r => [`${r.method.toUpperCase()} ${r.template}`, r]))(
    '%s answers 400 naming the parameter for a value it cannot mean',
    async (_name, route) => {
      const required = Object.fromEntries(
        route.query
          .filter(p => p.required)
          .map(p => [p.name, validValues[p.name]]),
      );
      const answers: string[] = [];
      for (const param of route.query) {
        for (const value of bogusValues(param)) {
          const res = await (request(app) as any)
            [route.method](`/api/opsready${route.path}`)
            .query({ ...required, [param.name]: value });
          const message = String(res.body?.error?.message ?? '');
          const ok =
            res.status === 400 &&
            message.includes(param.name) &&
            JSON.stringify(res.body).length < 4096;
          if (!ok) {
            answers.push(
              `${param.name}=${value.slice(0, 20)}: ${
                res.status
              } ${message.slice(0, 200)}`,
            );
          }
        }
      }
      expect(answers).toEqual([]);
    },
  );

  it.each(queryRoutes.map(r => [`${r.method.toUpperCase()} ${r.template}`, r]))(
    '%s answers 400 for a parameter it does not have, naming those it has',
    async (_name, route) => {
      const required = Object.fromEntries(
        route.query
          .filter(p => p.required)
          .map(p => [p.name, validValues[p.name]]),
      );
      let call = (request(app) as any)
        [route.method](`/api/opsready${route.path}`)
        .query({ ...required, sortBy: 'name' });
      if (route.method !== 'get') call = call.send({});
      const res = await call;
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        route.query.length
          ? `Invalid query: sortBy: not a parameter of this route; the parameters are ${route.query
              .map(p => p.name)
              .join(', ')}`
          : 'Invalid query: sortBy: not a parameter of this route, which takes none',
      );
    },
  );

  it('GET /fleet names the configured levels for an unknown one', async () => {
    const configured = await startWith(
      mockServices.rootConfig.factory({
        data: {
          opsready: {
            scoring: {
              levels: [
                { name: 'steel', minScore: 50 },
                { name: 'titanium', minScore: 90 },
              ],
            },
          },
        },
      }),
    );
    const res = await request(configured).get('/api/opsready/fleet?level=gold');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "Invalid query: level: unknown level 'gold'; the levels are steel, titanium, or none",
    );
    await request(configured)
      .get('/api/opsready/fleet?level=titanium')
      .expect(200);
    await request(configured).get('/api/opsready/fleet?level=none').expect(200);
  }, 60_000);
});
