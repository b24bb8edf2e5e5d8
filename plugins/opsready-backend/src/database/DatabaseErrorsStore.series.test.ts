import { createTestDatabases } from '../__testUtils__/testDatabases';
import { cart, deployment, error, now } from '../__testUtils__/eventInputs';
import { createErrorStores } from '../__testUtils__/eventStores';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const createStores = (databaseId: Parameters<typeof databases.init>[0]) =>
  createErrorStores(databases, databaseId);

describe.each(databases.eachSupportedId())(
  'DatabaseErrorsStore, series and retention (%s)',
  databaseId => {
    it('counts errors per hour and severity over a range, for the chart', async () => {
      const { store } = await createStores(databaseId);
      await store.upsertErrors(
        [
          error('a', '2026-11-24T09:05:00Z'),
          error('b', '2026-11-24T09:59:59Z', { severity: 'critical' }),
          error('c', '2026-11-24T09:30:00Z', { severity: 'critical' }),
          error('d', '2026-11-24T11:00:00Z', {
            severity: 'low',
            environment: 'staging',
          }),
          // Outside the range, and another service's.
          error('e', '2026-11-23T09:00:00Z'),
          error('f', '2026-11-24T09:10:00Z', {
            entityRef: 'component:default/adservice',
          }),
        ],
        now,
      );
      const range = {
        from: new Date('2026-11-24T00:00:00Z'),
        to: new Date('2026-11-24T12:00:00Z'),
      };
      expect(await store.errorCountsByHour(cart, range)).toEqual({
        items: [
          {
            at: '2026-11-24T09:00:00.000Z',
            critical: 2,
            high: 1,
            medium: 0,
            low: 0,
          },
          {
            at: '2026-11-24T11:00:00.000Z',
            critical: 0,
            high: 0,
            medium: 0,
            low: 1,
          },
        ],
        environments: ['production', 'staging'],
      });
      expect(
        await store.errorCountsByHour(cart, {
          ...range,
          environment: 'staging',
        }),
      ).toEqual({
        items: [
          {
            at: '2026-11-24T11:00:00.000Z',
            critical: 0,
            high: 0,
            medium: 0,
            low: 1,
          },
        ],
        environments: ['staging'],
      });
      expect(
        await store.errorCountsByHour(cart, {
          from: new Date('2026-11-20T00:00:00Z'),
          to: new Date('2026-11-21T00:00:00Z'),
        }),
      ).toEqual({ items: [], environments: [] });
    });

    it('deletes errors last seen before the retention', async () => {
      const { store, knex } = await createStores(databaseId);
      await store.upsertErrors(
        [
          error('old', '2026-01-01T00:00:00Z'),
          error('new', '2026-11-20T00:00:00Z'),
        ],
        now,
      );
      expect(
        await store.deleteOlderThan(new Date('2026-06-01T00:00:00Z'), 1),
      ).toBe(1);
      expect(await knex('opsready_errors').pluck('external_id')).toEqual([
        'new',
      ]);
    });

    it('tells which version an error followed, where and when it finished', async () => {
      const { store, deployments } = await createStores(databaseId);
      await deployments.upsertDeployments(
        [
          deployment('run-7', '2026-11-24T09:00:00Z', {
            version: '2.3.0',
            environment: 'staging',
            finishedAt: '2026-11-24T09:04:00Z',
          }),
        ],
        now,
      );
      const [released] = (
        await deployments.listDeployments(cart, {}, { limit: 10 })
      ).items;
      await store.upsertErrors(
        [
          error('e-after', '2026-11-24T09:30:00Z', {
            environment: 'staging',
          }),
          error('e-alone', '2026-11-24T09:40:00Z', { fingerprint: 'other' }),
          error('e-gone', '2026-11-24T09:50:00Z', { fingerprint: 'gone' }),
        ],
        now,
      );
      const ids = new Map(
        (await store.listErrors(cart, {}, { limit: 10 })).items.map(e => [
          e.externalId,
          e.id,
        ]),
      );
      await deployments.saveCorrelations(
        [],
        [
          { id: ids.get('e-after')!, deploymentId: released.id },
          // A deployment retention has since deleted.
          { id: ids.get('e-gone')!, deploymentId: 'deleted-deployment' },
        ],
      );

      const summary = {
        version: '2.3.0',
        environment: 'staging',
        status: 'succeeded',
        startedAt: '2026-11-24T09:00:00.000Z',
        finishedAt: '2026-11-24T09:04:00.000Z',
      };
      const flat = (await store.listErrors(cart, {}, { limit: 10 })).items;
      const byExternalId = new Map(flat.map(e => [e.externalId, e]));
      expect(byExternalId.get('e-after')).toMatchObject({
        deploymentId: released.id,
        deployment: summary,
      });
      expect(byExternalId.get('e-alone')?.deployment).toBeUndefined();
      expect(byExternalId.get('e-gone')).toMatchObject({
        deploymentId: 'deleted-deployment',
      });
      expect(byExternalId.get('e-gone')?.deployment).toBeUndefined();

      const grouped = (await store.listErrorGroups(cart, {}, { limit: 10 }))
        .items;
      expect(grouped.find(e => e.fingerprint === 'redis')?.deployment).toEqual(
        summary,
      );
      expect((await store.getError(ids.get('e-after')!))?.deployment).toEqual(
        summary,
      );
    });
  },
);
