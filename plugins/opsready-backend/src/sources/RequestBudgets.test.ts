import { storeTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseSourceBudgetsStore } from '../database/DatabaseSourceBudgetsStore';
import { RequestBudgets } from './RequestBudgets';

jest.setTimeout(120_000);

const { databases, createStore } = storeTestDatabases(
  DatabaseSourceBudgetsStore,
);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(databases.eachSupportedId())(
  'RequestBudgets (%s)',
  databaseId => {
    /** Budgets on the real store, on a clock the waiting moves forward. */
    async function budgetsAt(start: number, requestsPerHour: number) {
      const { store } = await createStore(databaseId);
      let clock = start;
      const budgets = new RequestBudgets({
        store,
        budgets: { 'github.com': { requestsPerHour } },
        now: () => clock,
        sleep: async ms => {
          clock += ms;
        },
      });
      return {
        budgets,
        now: () => clock,
        advance: (ms: number) => {
          clock += ms;
        },
      };
    }

    it('never lets a greedy sweep exceed the budget in any hour, and spreads it over the hour', async () => {
      const { budgets, now } = await budgetsAt(Date.UTC(2026, 11, 7), 600);
      const start = now();
      const granted: number[] = [];
      // One taker that asks again as soon as it is granted, for two hours.
      while (now() < start + 2 * HOUR) {
        if (await budgets.take('github.com', 2, start + 2 * HOUR)) {
          granted.push(now(), now());
        }
      }
      for (const from of granted) {
        const inHour = granted.filter(t => t >= from && t < from + HOUR).length;
        expect(inHour).toBeLessThanOrEqual(600);
      }
      // Spread: the first minute holds a minute's worth, not the hour's.
      expect(
        granted.filter(t => t < start + MINUTE).length,
      ).toBeLessThanOrEqual(20);
      expect(granted.length).toBeGreaterThan(1100);
    });

    it('gives up at the deadline, taking nothing, and takes again once given back', async () => {
      const { budgets, now } = await budgetsAt(Date.UTC(2026, 11, 7), 60);
      // The bucket holds one request (a minute of 60 an hour).
      expect(await budgets.take('github.com', 1, now())).toBe(true);
      expect(await budgets.take('github.com', 1, now() + 1000)).toBe(false);
      await budgets.giveBack('github.com', 1);
      expect(await budgets.take('github.com', 1, now())).toBe(true);
    });

    it('does not limit a host without a budget', async () => {
      const { budgets, now } = await budgetsAt(Date.UTC(2026, 11, 7), 60);
      for (let i = 0; i < 100; i++) {
        expect(await budgets.take('gitlab.com', 2, now())).toBe(true);
      }
    });
  },
);
