import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { cart, now } from '../__testUtils__/eventInputs';
import { DatabaseProvisionedEventsStore } from './DatabaseProvisionedEventsStore';

jest.setTimeout(60_000);

const { databases, createStore } = storeTestDatabases(
  DatabaseProvisionedEventsStore,
);

describe.each(databases.eachSupportedId())(
  'DatabaseProvisionedEventsStore (%s)',
  databaseId => {
    it('records services created from templates for the timeline', async () => {
      const { store } = await createStore(databaseId);
      await store.addProvisioned(
        cart,
        {
          templateName: 'golden-node-service',
          templateVersion: '2',
          actor: 'user:default/ana',
        },
        new Date('2026-11-01T00:00:00Z'),
      );
      expect(
        await store.provisionedBetween(cart, {
          from: new Date('2026-10-01T00:00:00Z'),
          to: now,
        }),
      ).toEqual([
        expect.objectContaining({
          templateName: 'golden-node-service',
          templateVersion: '2',
          actor: 'user:default/ana',
          at: '2026-11-01T00:00:00.000Z',
        }),
      ]);
    });
  },
);
