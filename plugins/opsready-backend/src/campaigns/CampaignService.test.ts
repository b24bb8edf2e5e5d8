import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CampaignEntity } from '@opsready/plugin-opsready-common';
import {
  campaign,
  ref,
  service as component,
} from './__testUtils__/campaignFixtures';
import { MemoryCampaignsStore } from './__testUtils__/memoryCampaignsStore';
import { CampaignInputValues } from './campaignInput';
import { CampaignService } from './CampaignService';
import { StoredCampaign } from './types';

const ada = 'user:default/ada';
const credentials = mockCredentials.user(ada);

function setUp(now = '2026-12-03T12:00:00Z') {
  let clock = new Date(now);
  const store = new MemoryCampaignsStore();
  const track = jest.fn(async () => {});
  const campaigns = new CampaignService({
    store,
    catalog: catalogServiceMock({
      entities: [
        component('cart'),
        component('search', 'team-b'),
        component('site', 'team-a', { type: 'website' }),
      ],
    }),
    track,
    logger: mockServices.logger.mock(),
    now: () => clock,
  });
  const seed = async (c: StoredCampaign, rows: CampaignEntity[] = []) => {
    await store.createCampaign(c, {
      action: 'launched',
      by: ada,
      at: c.createdAt,
      changes: {},
    });
    await store.replaceEntities(c.id, rows);
  };
  return {
    store,
    track,
    service: campaigns,
    seed,
    setNow: (iso: string) => {
      clock = new Date(iso);
    },
  };
}

const input = (
  extra: Partial<CampaignInputValues> = {},
): CampaignInputValues => ({
  name: 'PDBs everywhere',
  description: 'Every service gets one.',
  rationale: 'Node drains take services down.',
  goal: { checks: ['kubernetes.pdb'] },
  scope: { types: ['service'] },
  startsAt: new Date('2026-12-10T00:00:00Z'),
  deadline: new Date('2027-01-31T00:00:00Z'),
  owner: 'group:default/platform',
  enforce: false,
  ...extra,
});

const row = (
  name: string,
  status: CampaignEntity['status'],
  owner = 'group:default/team-a',
  titles: string[] = status === 'done' ? [] : ['Has a PodDisruptionBudget'],
): CampaignEntity => ({
  entityRef: ref(name),
  owner,
  status,
  items: titles.map(title => ({
    type: 'check',
    checkId: 'kubernetes.pdb',
    title,
  })),
  since: '2026-12-02T00:00:00.000Z',
});

describe('CampaignService writes', () => {
  it('previews the scope as the caller sees it', async () => {
    const { service } = setUp();
    expect(await service.preview(input(), credentials)).toEqual({
      matching: 2,
      sample: [ref('cart'), ref('search')],
      warnings: [],
    });
    expect(
      await service.preview(
        input({ scope: { types: ['library'] } }),
        credentials,
      ),
    ).toEqual({
      matching: 0,
      sample: [],
      warnings: ['The scope matches no entity'],
    });
  });

  it('launches a campaign: stored with its history, counted, computed in the background', async () => {
    const { store, track, service } = setUp();
    const saved = await service.create(input(), ada, credentials);
    expect(saved).toEqual({
      campaign: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'PDBs everywhere',
        description: 'Every service gets one.',
        rationale: 'Node drains take services down.',
        goal: { checks: ['kubernetes.pdb'] },
        scope: { types: ['service'] },
        startsAt: '2026-12-10T00:00:00.000Z',
        deadline: '2027-01-31T00:00:00.000Z',
        owner: 'group:default/platform',
        enforce: false,
        state: 'scheduled',
        createdBy: ada,
        createdAt: '2026-12-03T12:00:00.000Z',
        updatedAt: '2026-12-03T12:00:00.000Z',
        figures: { total: 2, done: 0, exempt: 0, open: 2 },
        projection: expect.objectContaining({ atRisk: expect.any(Boolean) }),
      },
      warnings: [],
    });
    const id = saved.campaign.id;
    expect(await store.getHistory(id)).toEqual([
      {
        action: 'launched',
        by: ada,
        at: '2026-12-03T12:00:00.000Z',
        changes: {},
      },
    ]);
    expect(track).toHaveBeenCalledWith(
      expect.objectContaining({ id, state: 'active' }),
      { rebaseline: true },
    );

    const empty = await service.create(
      input({ scope: { owners: ['group:default/nobody'] } }),
      ada,
      credentials,
    );
    expect(empty.warnings).toEqual(['The scope matches no entity']);
  });

  it('keeps each edit in the history with what each field was', async () => {
    const { store, track, service, seed } = setUp();
    await seed(campaign({ completedAt: '2026-12-02T00:00:00.000Z' }));

    const edited = await service.update(
      'pdbs',
      {
        deadline: new Date('2027-02-28T00:00:00Z'),
        name: 'PDBs everywhere',
        note: 'More time',
      },
      ada,
      credentials,
    );
    expect(edited.campaign.deadline).toBe('2027-02-28T00:00:00.000Z');
    expect((await store.getHistory('pdbs'))[0]).toEqual({
      action: 'edited',
      by: ada,
      at: '2026-12-03T12:00:00.000Z',
      changes: {
        deadline: {
          from: '2027-01-31T00:00:00.000Z',
          to: '2027-02-28T00:00:00.000Z',
        },
      },
      note: 'More time',
    });
    // The deadline is no basis of the progress.
    expect(track).not.toHaveBeenCalled();

    const rescoped = await service.update(
      'pdbs',
      { scope: { types: ['library'] }, goal: { checks: ['kubernetes.pdb'] } },
      ada,
      credentials,
    );
    expect(rescoped.warnings).toEqual(['The scope matches no entity']);
    expect((await store.getHistory('pdbs'))[0].changes).toEqual({
      scope: { from: { types: ['service'] }, to: { types: ['library'] } },
    });
    expect((await store.getCampaign('pdbs'))!.completedAt).toBeUndefined();
    expect(track).toHaveBeenLastCalledWith(
      expect.objectContaining({ scope: { types: ['library'] } }),
      { rebaseline: true },
    );

    const historyLength = (await store.getHistory('pdbs')).length;
    await service.update('pdbs', { enforce: true }, ada, credentials);
    expect(await store.getHistory('pdbs')).toHaveLength(historyLength);
  });

  it('pauses, resumes and ends a campaign, each its own history entry', async () => {
    const { store, track, service, seed, setNow } = setUp();
    await seed(campaign());

    const paused = await service.update(
      'pdbs',
      { state: 'paused', note: 'Freeze' },
      ada,
      credentials,
    );
    expect(paused.campaign.state).toBe('paused');
    const resumed = await service.update(
      'pdbs',
      { state: 'active' },
      ada,
      credentials,
    );
    expect(resumed.campaign.state).toBe('active');
    expect(track).toHaveBeenLastCalledWith(
      expect.objectContaining({ state: 'active' }),
      {
        rebaseline: false,
      },
    );
    setNow('2026-12-04T09:00:00Z');
    const ended = await service.update(
      'pdbs',
      { state: 'ended' },
      ada,
      credentials,
    );
    expect(ended.campaign).toMatchObject({
      state: 'ended',
      endedAt: '2026-12-04T09:00:00.000Z',
    });
    expect(
      (await store.getHistory('pdbs')).map(c => [c.action, c.changes.state]),
    ).toEqual([
      ['ended', { from: 'active', to: 'ended' }],
      ['resumed', { from: 'paused', to: 'active' }],
      ['paused', { from: 'active', to: 'paused' }],
      ['launched', undefined],
    ]);
    await expect(
      service.update('pdbs', { state: 'active' }, ada, credentials),
    ).rejects.toThrow(
      'Invalid campaign: state: the campaign has ended; an ended campaign is final',
    );
    await expect(
      service.update('nope', { state: 'paused' }, ada, credentials),
    ).rejects.toThrow('No campaign nope');
  });
});

describe('CampaignService reads', () => {
  it('lists campaigns with their figures, scheduled ones told from running ones, paged', async () => {
    const { service, seed } = setUp();
    await seed(
      campaign({ id: 'running', deadline: '2027-01-01T00:00:00.000Z' }),
      [row('cart', 'done'), row('search', 'open')],
    );
    await seed(
      campaign({
        id: 'scheduled',
        startsAt: '2026-12-20T00:00:00.000Z',
        deadline: '2027-01-02T00:00:00.000Z',
      }),
    );
    await seed(
      campaign({ id: 'running-too', deadline: '2027-01-03T00:00:00.000Z' }),
    );
    await seed(campaign({ id: 'over', state: 'ended' }));

    const all = await service.list({ limit: 10 });
    expect(all.items.map(c => [c.id, c.state])).toEqual([
      ['running', 'active'],
      ['scheduled', 'scheduled'],
      ['running-too', 'active'],
      ['over', 'ended'],
    ]);
    expect(all.items[0].figures).toEqual({
      total: 2,
      done: 1,
      exempt: 0,
      open: 1,
    });

    const first = await service.list({ state: 'active', limit: 1 });
    expect(first.items.map(c => c.id)).toEqual(['running']);
    const second = await service.list({
      state: 'active',
      limit: 1,
      cursor: first.nextCursor,
    });
    expect(second.items.map(c => c.id)).toEqual(['running-too']);
    expect(second.nextCursor).toBeUndefined();
    expect(
      (await service.list({ state: 'scheduled', limit: 10 })).items.map(
        c => c.id,
      ),
    ).toEqual(['scheduled']);
  });

  it('gives a campaign, its progress and its entities, or a 404', async () => {
    const { store, service, seed } = setUp();
    await seed(campaign(), [
      row('cart', 'done'),
      row('search', 'open', 'group:default/team-b'),
    ]);
    await store.recordDay('pdbs', {
      day: '2026-12-03',
      total: 2,
      done: 1,
      exempt: 0,
    });
    await store.markComputed('pdbs', new Date('2026-12-03T11:00:00Z'));

    expect(await service.get('pdbs')).toMatchObject({
      id: 'pdbs',
      state: 'active',
      computedAt: '2026-12-03T11:00:00.000Z',
    });
    expect(await service.getProgress('pdbs')).toEqual({
      campaignId: 'pdbs',
      figures: { total: 2, done: 1, exempt: 0, open: 1 },
      projection: expect.objectContaining({ atRisk: expect.any(Boolean) }),
      burnUp: [{ day: '2026-12-03', total: 2, done: 1, exempt: 0 }],
      teams: [
        {
          owner: 'group:default/team-b',
          total: 1,
          done: 0,
          exempt: 0,
          open: 1,
        },
        {
          owner: 'group:default/team-a',
          total: 1,
          done: 1,
          exempt: 0,
          open: 0,
        },
      ],
      computedAt: '2026-12-03T11:00:00.000Z',
    });
    expect(
      await service.listEntities('pdbs', { status: 'open' }, { limit: 10 }),
    ).toEqual({
      items: [row('search', 'open', 'group:default/team-b')],
      totalItems: 1,
    });
    for (const read of [
      () => service.get('nope'),
      () => service.getProgress('nope'),
      () => service.getHistory('nope'),
      () => service.listEntities('nope', {}, { limit: 10 }),
      () => service.exportCsv('nope'),
    ]) {
      await expect(read()).rejects.toThrow('No campaign nope');
    }
  });

  it('exports the status as CSV, a formula kept as text', async () => {
    const { service, seed } = setUp();
    await seed(campaign({ name: '=HYPERLINK("x")' }), [
      row('cart', 'done'),
      row('search', 'open', 'group:default/team-b', ['Has a PDB', 'Has docs']),
      row('ledger', 'exempt'),
    ]);
    expect(await service.exportCsv('pdbs')).toBe(
      [
        'entity,owner,status,items left,due,campaign',
        'component:default/search,group:default/team-b,open,Has a PDB; Has docs,2027-01-31,"\'=HYPERLINK(""x"")"',
        'component:default/ledger,group:default/team-a,exempt,,2027-01-31,"\'=HYPERLINK(""x"")"',
        'component:default/cart,group:default/team-a,done,,2027-01-31,"\'=HYPERLINK(""x"")"',
        '',
      ].join('\n'),
    );
  });

  it("gives an entity's campaigns not ended, soonest due first", async () => {
    const { service, seed } = setUp();
    await seed(
      campaign({ id: 'later', deadline: '2027-03-01T00:00:00.000Z' }),
      [row('search', 'open')],
    );
    await seed(
      campaign({
        id: 'soon',
        state: 'paused',
        deadline: '2027-01-01T00:00:00.000Z',
      }),
      [row('search', 'exempt')],
    );
    await seed(campaign({ id: 'over', state: 'ended' }), [
      row('search', 'open'),
    ]);
    await seed(campaign({ id: 'elsewhere' }), [row('cart', 'open')]);

    const found = await service.getEntityCampaigns(ref('search'));
    expect(found.map(c => [c.campaign.id, c.campaign.state, c.status])).toEqual(
      [
        ['soon', 'paused', 'exempt'],
        ['later', 'active', 'open'],
      ],
    );
    expect(found[1]).toMatchObject({
      campaign: { owner: 'group:default/platform', enforce: true },
      items: [expect.objectContaining({ title: 'Has a PodDisruptionBudget' })],
      dueAt: '2027-03-01T00:00:00.000Z',
    });
  });

  it("gives a team's open items of running campaigns only", async () => {
    const { service, seed } = setUp();
    const rows = [
      row('cart', 'open'),
      row('search', 'open', 'group:default/team-b'),
      row('ledger', 'done'),
    ];
    await seed(
      campaign({ id: 'b', deadline: '2027-02-01T00:00:00.000Z' }),
      rows,
    );
    await seed(
      campaign({ id: 'a', deadline: '2027-01-01T00:00:00.000Z' }),
      rows,
    );
    await seed(campaign({ id: 'paused', state: 'paused' }), rows);
    await seed(
      campaign({ id: 'scheduled', startsAt: '2026-12-20T00:00:00.000Z' }),
      rows,
    );
    await seed(campaign({ id: 'nothing-left' }), [row('ledger', 'done')]);

    const items = await service.getTeamItems('group:default/team-a');
    expect(items.map(i => i.campaign.id)).toEqual(['a', 'b']);
    expect(items[0]).toEqual({
      campaign: {
        id: 'a',
        name: 'PDBs everywhere',
        state: 'active',
        deadline: '2027-01-01T00:00:00.000Z',
        atRisk: expect.any(Boolean),
      },
      entities: [row('cart', 'open')],
    });
  });

  it('blocks the gate for enforced campaigns past their deadline with items left', async () => {
    const { service, seed } = setUp();
    const overdue = {
      deadline: '2026-12-01T00:00:00.000Z',
      startsAt: '2026-11-01T00:00:00.000Z',
    };
    await seed(campaign({ id: 'due', ...overdue }), [
      row('cart', 'open', 'group:default/team-a', [
        'Has a PodDisruptionBudget',
        'Reach level silver',
      ]),
      row('ledger', 'exempt'),
    ]);
    await seed(campaign({ id: 'not-enforced', ...overdue, enforce: false }), [
      row('cart', 'open'),
    ]);
    await seed(campaign({ id: 'paused', ...overdue, state: 'paused' }), [
      row('cart', 'open'),
    ]);
    await seed(campaign({ id: 'ended', ...overdue, state: 'ended' }), [
      row('cart', 'open'),
    ]);
    await seed(campaign({ id: 'not-due' }), [row('cart', 'open')]);

    const now = new Date('2026-12-03T12:00:00Z');
    expect(await service.getGateBlocks(ref('cart'), now)).toEqual([
      {
        id: 'due',
        name: 'PDBs everywhere',
        deadline: '2026-12-01T00:00:00.000Z',
        reason:
          "Campaign 'PDBs everywhere' was due 2026-12-01: Has a PodDisruptionBudget, Reach level silver",
      },
    ]);
    expect(await service.getGateBlocks(ref('ledger'), now)).toEqual([]);
    expect(await service.getGateBlocks(ref('search'), now)).toEqual([]);
  });
});
