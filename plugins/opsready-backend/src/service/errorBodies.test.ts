import { mockServices } from '@backstage/backend-test-utils';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { spec } from '../schema/openapi/generated';
import { startWith } from './__testUtils__/eventsBackend';

/*
 * Whatever a request holds, an error reply is small and does not carry the
 * request back: every operation of openapi.yaml that takes a body is sent
 * bodies it must refuse, each with a marker the reply must not contain.
 */

const MARKER = 'ZQX-request-marker-ZQX';
/** Far enough from the start that a short excerpt of a value never reaches it. */
const marked = `${'p'.repeat(120)}${MARKER}${'q'.repeat(200)}`;

const GITHUB_SECRET = 'github-secret';
const TOKEN = 'webhook-token';

const bodyRoutes = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ['post', 'patch', 'put', 'delete'].includes(method))
    .map(([method, operation]) => ({
      method,
      template: path,
      path: path
        .replace('{kind}/{namespace}/{name}', 'component/default/cartservice')
        .replace('{id}', 'some-id'),
      takesBody: Boolean((operation as any).requestBody),
      fields: fieldsOf((operation as any).requestBody),
    })),
);

/** The property names of a request body's JSON schema (the first of a oneOf). */
function fieldsOf(requestBody: any): string[] {
  const resolve = (schema: any): any =>
    schema?.$ref
      ? resolve((spec.components.schemas as any)[schema.$ref.split('/').pop()])
      : schema;
  let schema = resolve(requestBody?.content?.['application/json']?.schema);
  if (schema?.oneOf) schema = resolve(schema.oneOf[0]);
  return Object.keys(schema?.properties ?? {});
}

/** Every field of the route's body set to the marked text, alone and in a batch. */
function poisoned(fields: string[]): string {
  const item = Object.fromEntries(
    [...fields, 'entityRef', 'status', 'decision'].map(f => [f, marked]),
  );
  return JSON.stringify({
    ...item,
    items: Array.from({ length: 100 }, () => item),
  });
}

const bodies = (fields: string[]) => [
  {
    what: 'malformed JSON of 2 MB',
    type: 'application/json',
    body: `{"a": ${MARKER}${'x'.repeat(2 * 1024 * 1024)}`,
  },
  {
    what: 'malformed JSON with the marker at the fault',
    type: 'application/json',
    body: `{"a": "b", ${MARKER}: 1}`,
  },
  {
    what: 'unterminated JSON',
    type: 'application/json',
    body: `{"a": "${marked}`,
  },
  {
    what: 'JSON of the wrong shape, every field marked',
    type: 'application/json',
    body: poisoned(fields),
  },
  {
    what: 'a form body',
    type: 'application/x-www-form-urlencoded',
    body: `payload=${encodeURIComponent(`{"a": ${marked}`)}`,
  },
  { what: 'text', type: 'text/plain', body: marked },
];

/** What the webhooks need to look at a body at all: their own credentials. */
function credentialsFor(template: string, body: string) {
  if (template === '/webhooks/github') {
    const signature = createHmac('sha256', GITHUB_SECRET)
      .update(body)
      .digest('hex');
    return {
      'X-Hub-Signature-256': `sha256=${signature}`,
      'X-GitHub-Event': 'deployment',
    };
  }
  if (template.startsWith('/webhooks/')) {
    return { Authorization: `Bearer ${TOKEN}` };
  }
  return {};
}

describe('error replies', () => {
  let app: Awaited<ReturnType<typeof startWith>>;
  beforeAll(async () => {
    app = await startWith(
      mockServices.rootConfig.factory({
        data: {
          opsready: {
            webhooks: {
              github: { secret: GITHUB_SECRET },
              alertmanager: { token: TOKEN },
              argocd: { token: TOKEN },
            },
          },
        },
      }),
    );
  }, 60_000);

  it('cover every operation that takes a body', () => {
    expect(bodyRoutes.map(r => r.template)).toEqual(
      expect.arrayContaining([
        '/deployments',
        '/errors',
        '/webhooks/github',
        '/webhooks/alertmanager',
        '/webhooks/argocd',
      ]),
    );
  });

  it.each(bodyRoutes.map(r => [`${r.method.toUpperCase()} ${r.template}`, r]))(
    '%s: small, and without the request in them',
    async (_name, route) => {
      const wrong: string[] = [];
      for (const { what, type, body } of bodies(route.fields)) {
        const res = await (request(app) as any)
          [route.method](`/api/opsready${route.path}`)
          .set('Content-Type', type)
          .set(credentialsFor(route.template, body))
          .send(body);
        const text = res.text as string;
        // A route that takes no body may leave one it cannot read aside.
        const refused = [400, 413, 415].includes(res.status);
        const leftAside =
          !route.takesBody && [200, 204, 404].includes(res.status);
        if (
          !(refused || leftAside) ||
          text.includes(MARKER) ||
          (refused &&
            (text.length >= 4096 ||
              typeof res.body?.error?.message !== 'string'))
        ) {
          wrong.push(
            `${what}: ${res.status}, ${text.length} bytes: ${text.slice(
              0,
              300,
            )}`,
          );
        }
      }
      expect(wrong).toEqual([]);
    },
    60_000,
  );

  it('repeat a long query only in part', async () => {
    const res = await request(app).get(
      `/api/opsready/fleet?owner=${'o'.repeat(6000)}${MARKER}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid query: owner: String must contain at most 255 character(s)',
    );
    expect(res.text.length).toBeLessThan(4096);
    expect(res.text).not.toContain(MARKER);
  });

  it('say what is wrong with a body that is not JSON', async () => {
    const res = await request(app)
      .post('/api/opsready/deployments')
      .set('Content-Type', 'application/json')
      .send(`{"entityRef": ${MARKER}}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      name: 'InputError',
      message: "Request body is not valid JSON: Unexpected token 'Z'",
    });
  });
});
