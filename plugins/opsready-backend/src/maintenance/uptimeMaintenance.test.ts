import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  builtInChecks,
  defaultCheckOptions,
} from '@opsready/plugin-opsready-node';
import { serviceEntity } from '../__testUtils__/serviceEntity';
import {
  createTestDatabases,
  testPluginDatabase,
} from '../__testUtils__/testDatabases';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { DatabaseMaintenanceWindowsStore } from '../database/DatabaseMaintenanceWindowsStore';
import { ProbeRecord } from '../database/HealthStore';
import { HealthFactProvider } from '../facts/HealthFactProvider';
import { HealthService } from '../health/HealthService';
import { MaintenanceService } from './MaintenanceService';
import { SystemLookup } from './SystemLookup';

/*
 * A service down for two hours of the last day misses the 99% uptime
 * target; the same two hours in a maintenance window of its system do not
 * count, and the check passes, saying what it left out.
 */

jest.setTimeout(60_000);

const databases = createTestDatabases();
const entityRef = 'component:default/cartservice';
const cartservice = {
  ...serviceEntity('cartservice', {
    'opsready.io/health-url': 'https://cart.example.com/healthz',
  }),
  spec: { type: 'service', system: 'shop' },
};
const now = new Date('2026-12-05T12:00:00Z');
const minutesAgo = (minutes: number) =>
  new Date(now.getTime() - minutes * 60_000);

/** A probe every 10 minutes over the last 24 hours, down from 06:00 to 08:00. */
function dayOfProbes(): ProbeRecord[] {
  return Array.from({ length: 144 }, (_, i) => {
    const at = minutesAgo(24 * 60 - i * 10);
    const hour = at.getUTCHours();
    const up = hour < 6 || hour >= 8;
    return {
      entityRef,
      environment: 'default',
      url: 'https://cart.example.com/healthz',
      state: {
        status: up ? 'up' : 'down',
        consecutiveSuccesses: up ? 1 : 0,
        consecutiveFailures: up ? 0 : 1,
        recentTransitions: [],
        flapping: false,
      },
      probe: {
        up,
        outcome: 'answered',
        at,
        latencyMs: 40,
        statusCode: up ? 200 : 503,
      },
    };
  });
}

async function uptimeOutcome(health: HealthService) {
  const facts = await new HealthFactProvider(health, {
    probing: true,
    now: () => now,
  }).gather([cartservice]);
  const uptime = builtInChecks.find(c => c.id === 'health.uptime')!;
  return uptime.evaluate(
    { entity: cartservice, ...facts.get(entityRef) },
    { now, options: defaultCheckOptions },
  );
}

describe.each(databases.eachSupportedId())(
  'uptime with maintenance (%s)',
  databaseId => {
    it('turns a failing uptime into a passing one when the outage was maintenance', async () => {
      const database = testPluginDatabase(await databases.init(databaseId));
      const healthStore = await DatabaseHealthStore.create({ database });
      await healthStore.recordProbes(dayOfProbes());
      const windows = await DatabaseMaintenanceWindowsStore.create({
        database,
      });
      const maintenance = new MaintenanceService({
        store: windows,
        systems: new SystemLookup({
          catalog: catalogServiceMock({ entities: [cartservice] }),
          auth: mockServices.auth(),
        }),
        now: () => now,
      });
      const health = new HealthService(healthStore, maintenance);

      const before = await uptimeOutcome(health);
      expect(before).toMatchObject({
        status: 'fail',
        message:
          'Uptime over the last 24 hours was below the 99% target: default 91.66%.',
      });

      await windows.createWindow({
        targetRef: 'system:default/shop',
        startsAt: new Date('2026-12-05T06:00:00Z'),
        endsAt: new Date('2026-12-05T08:00:00Z'),
        reason: 'Shop database failover drill',
        createdBy: 'user:default/alex',
        source: 'manual',
      });
      const after = await uptimeOutcome(health);
      expect(after).toMatchObject({
        status: 'pass',
        message:
          'Every probed health endpoint was up at least 99% of the last 24 hours (lowest 100%); left out for maintenance: default (12 probes).',
      });

      // The chart's series says the same, and where to shade.
      const history = await health.history(
        entityRef,
        { from: minutesAgo(24 * 60), to: now },
        'hour',
      );
      expect(history.maintenance).toEqual([
        expect.objectContaining({
          start: '2026-12-05T06:00:00.000Z',
          end: '2026-12-05T08:00:00.000Z',
          reason: 'Shop database failover drill',
        }),
      ]);
      const six = history.items.find(
        i => i.bucketStart === '2026-12-05T06:00:00.000Z',
      );
      expect(six).toMatchObject({
        probes: 6,
        uptime: null,
        maintenanceProbes: 6,
      });
    });
  },
);
