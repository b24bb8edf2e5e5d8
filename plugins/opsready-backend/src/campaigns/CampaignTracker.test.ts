import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { recordingPublisher } from '../__testUtils__/domainEvents';
import {
  campaign,
  checks,
  evaluated,
  evaluationReads,
  levels,
  memoryLaunches,
  ref,
  service,
} from './__testUtils__/campaignFixtures';
import { MemoryCampaignsStore } from './__testUtils__/memoryCampaignsStore';
import { CampaignTracker } from './CampaignTracker';
import { StoredCampaign } from './types';

function setUp(entities: Entity[], now = '2026-12-03T12:00:00Z') {
  let clock = new Date(now);
  const store = new MemoryCampaignsStore();
  const reads = evaluationReads();
  const launches = memoryLaunches();
  const publisher = recordingPublisher();
  const logger = mockServices.logger.mock();
  const catalog = catalogServiceMock({ entities });
  const tracker = new CampaignTracker({
    store,
    catalog,
    auth: mockServices.auth(),
    evaluations: reads.evaluations,
    exemptions: reads.exemptions,
    launches,
    checks: () => checks,
    levels,
    logger,
    publisher,
    now: () => clock,
  });
  const launch = async (c: StoredCampaign) => {
    await store.createCampaign(c, {
      action: 'launched',
      by: c.createdBy,
      at: c.createdAt,
      changes: {},
    });
    return (await store.getCampaign(c.id))!;
  };
  return {
    store,
    reads,
    launches,
    publisher,
    logger,
    catalog,
    tracker,
    launch,
    setNow: (iso: string) => {
      clock = new Date(iso);
    },
  };
}

const rowsOf = async (store: MemoryCampaignsStore, id = 'pdbs') =>
  (await store.listEntities(id, {}, { limit: 100 })).items;

describe('CampaignTracker', () => {
  it('judges every entity of the scope, records the day and tells the launch once', async () => {
    const { store, reads, publisher, tracker, launch } = setUp([
      service('cart'),
      service('search', 'team-b'),
      service('ledger'),
      service('never-evaluated'),
      service('site', 'team-a', { type: 'website' }),
    ]);
    reads.latest.set(
      ref('cart'),
      evaluated('cart', { 'kubernetes.pdb': 'pass' }),
    );
    reads.latest.set(
      ref('search'),
      evaluated('search', { 'kubernetes.pdb': 'fail' }),
    );
    reads.latest.set(
      ref('ledger'),
      evaluated('ledger', { 'kubernetes.pdb': 'fail' }),
    );
    reads.exempt.set(ref('ledger'), ['kubernetes.pdb']);
    const c = await launch(campaign());

    await tracker.refreshCampaign(c);

    expect(await rowsOf(store)).toEqual([
      {
        entityRef: ref('never-evaluated'),
        owner: 'group:default/team-a',
        status: 'open',
        items: [
          {
            type: 'check',
            checkId: 'kubernetes.pdb',
            title: 'Has a PodDisruptionBudget',
            status: 'unknown',
            message: 'Not evaluated yet',
            remediation: 'Add a PodDisruptionBudget.',
          },
        ],
        since: '2026-12-03T12:00:00.000Z',
      },
      expect.objectContaining({
        entityRef: ref('search'),
        owner: 'group:default/team-b',
        status: 'open',
      }),
      expect.objectContaining({
        entityRef: ref('ledger'),
        status: 'exempt',
        items: [expect.objectContaining({ checkId: 'kubernetes.pdb' })],
      }),
      expect.objectContaining({
        entityRef: ref('cart'),
        status: 'done',
        items: [],
      }),
    ]);
    // Reads are batched: one of each for the one page of the scope.
    expect(reads.evaluations.getEvaluations).toHaveBeenCalledTimes(1);
    expect(reads.exemptions.activeExemptionsOf).toHaveBeenCalledTimes(1);
    expect(await store.getBurnUp('pdbs')).toEqual([
      { day: '2026-12-03', total: 4, done: 1, exempt: 1 },
    ]);
    expect((await store.getCampaign('pdbs'))!.computedAt).toBe(
      '2026-12-03T12:00:00.000Z',
    );
    expect(publisher.events).toEqual([
      {
        type: 'campaign.launched',
        campaignId: 'pdbs',
        at: '2026-12-03T12:00:00.000Z',
      },
    ]);

    await tracker.refreshCampaign(c);
    expect(publisher.events).toHaveLength(1);
  });

  it('tells a scheduled campaign at its start, and a paused one when it resumes', async () => {
    const { store, publisher, tracker, launch, setNow } = setUp([
      service('cart'),
    ]);
    const scheduled = await launch(
      campaign({ startsAt: '2026-12-10T09:00:00.000Z' }),
    );
    const paused = await launch(
      campaign({
        id: 'docs',
        state: 'paused',
        goal: { checks: ['catalog.docs'] },
      }),
    );

    await tracker.refreshAll();
    expect(publisher.events).toEqual([]);
    // Rows before the start, for the entity page; no burn-up yet.
    expect(await rowsOf(store)).toHaveLength(1);
    expect(await store.getBurnUp('pdbs')).toEqual([]);

    setNow('2026-12-10T09:15:00Z');
    await tracker.refreshAll();
    expect(publisher.events.map(e => [e.type, (e as any).campaignId])).toEqual([
      ['campaign.launched', 'pdbs'],
    ]);
    expect(await store.getBurnUp(scheduled.id)).toEqual([
      { day: '2026-12-10', total: 1, done: 0, exempt: 0 },
    ]);

    await tracker.refreshCampaign({ ...paused, state: 'active' });
    expect(publisher.events.map(e => (e as any).campaignId)).toEqual([
      'pdbs',
      'docs',
    ]);
  });

  it('completes a campaign the first time nothing is open, once', async () => {
    const { store, reads, publisher, tracker, launch } = setUp([
      service('cart'),
      service('search'),
    ]);
    reads.latest.set(
      ref('cart'),
      evaluated('cart', { 'kubernetes.pdb': 'pass' }),
    );
    reads.latest.set(
      ref('search'),
      evaluated('search', { 'kubernetes.pdb': 'not-applicable' }),
    );
    const c = await launch(campaign());

    await tracker.refreshCampaign(c);
    const completed = (await store.getCampaign('pdbs'))!;
    expect(completed.completedAt).toBe('2026-12-03T12:00:00.000Z');
    expect((await store.getHistory('pdbs'))[0]).toEqual({
      action: 'completed',
      by: 'plugin:opsready',
      at: '2026-12-03T12:00:00.000Z',
      changes: {},
    });
    expect(publisher.events.map(e => e.type)).toEqual([
      'campaign.launched',
      'campaign.completed',
    ]);

    await tracker.refreshCampaign(completed);
    expect(publisher.events).toHaveLength(2);
    expect(await store.getHistory('pdbs')).toHaveLength(2);
  });

  it('does not complete a campaign whose scope has nothing', async () => {
    const { store, tracker, launch } = setUp([service('cart')]);
    const c = await launch(campaign({ scope: { types: ['website'] } }));
    await tracker.refreshCampaign(c);
    expect((await store.getCampaign('pdbs'))!.completedAt).toBeUndefined();
    expect(await store.getBurnUp('pdbs')).toEqual([
      { day: '2026-12-03', total: 0, done: 0, exempt: 0 },
    ]);
  });

  it('updates computed campaigns with each batch of evaluations: in scope, out of scope, completed', async () => {
    const { store, reads, publisher, tracker, launch, setNow } = setUp([
      service('cart'),
      service('search'),
    ]);
    reads.latest.set(
      ref('cart'),
      evaluated('cart', { 'kubernetes.pdb': 'pass' }),
    );
    const c = await launch(campaign());
    await launch(campaign({ id: 'not-computed-yet' }));
    await tracker.refreshCampaign(c);
    expect((await rowsOf(store)).map(r => [r.entityRef, r.status])).toEqual([
      [ref('search'), 'open'],
      [ref('cart'), 'done'],
    ]);

    setNow('2026-12-04T08:00:00Z');
    await tracker.onEvaluated([
      {
        // Now a website: it leaves the scope.
        entity: service('cart', 'team-a', { type: 'website' }),
        evaluation: evaluated('cart', { 'kubernetes.pdb': 'pass' }),
        exemptCheckIds: new Set(),
      },
      {
        entity: service('search'),
        evaluation: evaluated('search', { 'kubernetes.pdb': 'fail' }),
        exemptCheckIds: new Set(['kubernetes.pdb']),
      },
    ]);
    expect(await rowsOf(store)).toEqual([
      expect.objectContaining({
        entityRef: ref('search'),
        status: 'exempt',
        since: '2026-12-04T08:00:00.000Z',
      }),
    ]);
    expect(await rowsOf(store, 'not-computed-yet')).toEqual([]);
    expect(await store.getBurnUp('pdbs')).toEqual([
      { day: '2026-12-03', total: 2, done: 1, exempt: 0 },
      { day: '2026-12-04', total: 1, done: 0, exempt: 1 },
    ]);
    const after = (await store.getCampaign('pdbs'))!;
    expect(after.completedAt).toBe('2026-12-04T08:00:00.000Z');
    expect(publisher.events.map(e => e.type)).toContain('campaign.completed');
  });

  it('replays the burn-up from a start in the past, then today from the rows', async () => {
    const { store, reads, tracker, launch } = setUp([
      service('cart'),
      service('search'),
    ]);
    reads.latest.set(
      ref('cart'),
      evaluated('cart', { 'kubernetes.pdb': 'pass' }),
    );
    reads.latest.set(
      ref('search'),
      evaluated('search', { 'kubernetes.pdb': 'pass' }),
    );
    store.history = {
      checkChanges: [
        {
          entityRef: ref('cart'),
          checkId: 'kubernetes.pdb',
          status: 'fail',
          message: '',
          changedAt: new Date('2026-11-20T00:00:00Z'),
        },
        {
          entityRef: ref('cart'),
          checkId: 'kubernetes.pdb',
          status: 'pass',
          message: '',
          changedAt: new Date('2026-12-02T10:00:00Z'),
        },
        {
          entityRef: ref('search'),
          checkId: 'kubernetes.pdb',
          status: 'pass',
          message: '',
          changedAt: new Date('2026-12-03T10:00:00Z'),
        },
      ],
      levelChanges: [],
      exemptions: [],
    };
    const c = await launch(campaign({ startsAt: '2026-12-01T00:00:00.000Z' }));
    await store.recordDay('pdbs', {
      day: '2026-11-01',
      total: 9,
      done: 9,
      exempt: 9,
    });

    await tracker.track(c, { rebaseline: true });

    expect(await store.getBurnUp('pdbs')).toEqual([
      { day: '2026-12-01', total: 2, done: 0, exempt: 0 },
      { day: '2026-12-02', total: 2, done: 1, exempt: 0 },
      { day: '2026-12-03', total: 2, done: 2, exempt: 0 },
    ]);
  });

  it('keeps a start moved ahead out of the burn-up', async () => {
    const { store, tracker, launch } = setUp([service('cart')]);
    const c = await launch(campaign({ startsAt: '2026-12-20T00:00:00.000Z' }));
    await store.recordDay('pdbs', {
      day: '2026-12-01',
      total: 1,
      done: 0,
      exempt: 0,
    });
    await tracker.rebaseline(c);
    expect(await store.getBurnUp('pdbs')).toEqual([]);
  });

  it('goes through every campaign not ended, one failing left to the next run', async () => {
    const { store, tracker, launch, logger, catalog } = setUp([
      service('cart'),
    ]);
    await launch(campaign({ id: 'a' }));
    await launch(campaign({ id: 'b', state: 'paused' }));
    await launch(campaign({ id: 'c', state: 'ended' }));
    const stream = catalog.streamEntities.bind(catalog);
    jest
      .spyOn(catalog, 'streamEntities')
      .mockImplementationOnce(() => {
        throw new Error('catalog timed out');
      })
      .mockImplementation(stream);

    expect(await tracker.refreshAll()).toEqual({ refreshed: 1, failed: 1 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^OpsReady could not refresh the progress of campaign a: Error: catalog timed out/,
      ),
    );
    expect((await store.getCampaign('b'))!.computedAt).toBeDefined();
    expect((await store.getCampaign('c'))!.computedAt).toBeUndefined();
  });

  it('schedules the refresh once across replicas', async () => {
    const { tracker } = setUp([]);
    const scheduler = { scheduleTask: jest.fn(async () => {}) };
    await tracker.start(scheduler, { minutes: 5 });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'opsready-campaigns-refresh',
        scope: 'global',
        frequency: { minutes: 5 },
        initialDelay: { minutes: 1 },
      }),
    );
  });
});
