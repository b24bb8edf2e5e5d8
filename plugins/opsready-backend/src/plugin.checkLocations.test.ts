import {
  coreServices,
  createServiceFactory,
  SchedulerServiceTaskFunction,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotModifiedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { stringify } from 'yaml';
import { opsreadyPlugin } from './plugin';
import { checkoutservice, payments } from './__testUtils__/pluginBackend';

jest.setTimeout(60_000);

const POLICY = 'https://github.com/acme/policy/blob/main/opsready/checks.yaml';
const CHECKS =
  '/api/opsready/entities/component/default/checkoutservice/checks';

const check = (id: string, title: string) => ({
  id,
  title,
  description: 'What the platform team asks of every service.',
  category: 'catalog',
  severity: 'high',
  weight: 3,
  remediation: 'See the platform handbook.',
  condition: { entity: { path: 'spec.lifecycle', equals: 'production' } },
});

/** The policy repository's host, which the test edits and takes down. */
function policyHost(text: string) {
  const host = { text, version: 1, down: false };
  const etag = () => `v${host.version}`;
  const reader = mockServices.urlReader.mock({
    readUrl: async (url, options) => {
      if (host.down) throw new Error('connect ECONNREFUSED');
      if (url !== POLICY) throw new Error(`Not found: ${url}`);
      if (options?.etag === etag()) throw new NotModifiedError();
      return {
        buffer: async () => Buffer.from(host.text),
        etag: etag(),
      } as any;
    },
  });
  const factory = createServiceFactory({
    service: coreServices.urlReader,
    deps: {},
    factory: () => reader,
  });
  return { host, factory };
}

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function start(
  urlReader: ReturnType<typeof policyHost>['factory'],
  knex: Knex,
) {
  const tasks = new Map<string, SchedulerServiceTaskFunction>();
  const scheduler = mockServices.scheduler.mock({
    async scheduleTask(task) {
      tasks.set(task.id, task.fn);
    },
  });
  const backend = await startTestBackend({
    features: [
      opsreadyPlugin,
      scheduler.factory,
      urlReader,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [checkoutservice, payments] }),
      mockServices.rootConfig.factory({
        data: { opsready: { checks: { locations: [{ target: POLICY }] } } },
      }),
    ],
  });
  const checkNamed = async (id: string) => {
    const res = await request(backend.server).get(CHECKS).expect(200);
    return res.body.checks.find((c: any) => c.id === id);
  };
  return { backend, tasks, checkNamed };
}

describe('check locations in the backend', () => {
  it('scores an entity with a check from a location, and picks up a changed file when the refresh runs', async () => {
    const policy = policyHost(
      stringify({ checks: [check('acme.production', 'In production')] }),
    );
    const { backend, tasks, checkNamed } = await start(
      policy.factory,
      await databases.init('SQLITE_3'),
    );
    expect(await checkNamed('acme.production')).toMatchObject({
      title: 'In production',
      weight: 3,
      result: { status: 'pass' },
    });

    policy.host.version = 2;
    policy.host.text = stringify({
      checks: [check('acme.production', 'Runs in production')],
    });
    await tasks.get('opsready-refresh-check-locations')!(
      new AbortController().signal,
    );
    expect(await checkNamed('acme.production')).toMatchObject({
      title: 'Runs in production',
      result: { status: 'pass' },
    });
    await backend.stop();
  });

  it('stops start-up naming the location, key and reason of a bad check', async () => {
    const bad = { ...check('acme.production', 'In production'), weight: -1 };
    const policy = policyHost(stringify({ checks: [bad] }));
    await expect(
      start(policy.factory, await databases.init('SQLITE_3')),
    ).rejects.toThrow(`${POLICY}: checks[0].weight: `);
  });

  it('starts with the kept copy of a location it cannot reach, and scores with it', async () => {
    const knex = await databases.init('SQLITE_3');
    const policy = policyHost(
      stringify({ checks: [check('acme.production', 'In production')] }),
    );
    const first = await start(policy.factory, knex);
    await first.backend.stop();

    policy.host.down = true;
    const second = await start(policy.factory, knex);
    expect(await second.checkNamed('acme.production')).toMatchObject({
      title: 'In production',
      result: { status: 'pass' },
    });
    await second.backend.stop();
  });

  it('stops start-up naming a location it cannot reach and never kept', async () => {
    const policy = policyHost('checks: []\n');
    policy.host.down = true;
    await expect(
      start(policy.factory, await databases.init('SQLITE_3')),
    ).rejects.toThrow(
      `Check location ${POLICY} could not be read: connect ECONNREFUSED. No earlier copy of it is kept`,
    );
  });
});
