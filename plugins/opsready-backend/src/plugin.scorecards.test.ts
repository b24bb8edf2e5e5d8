import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { opsreadyPlugin } from './plugin';
import {
  base,
  checkoutservice,
  described,
  payments,
  scheduler,
  startWith,
} from './__testUtils__/pluginBackend';

const scorecards = [
  { id: 'production-readiness', title: 'Production readiness' },
  {
    id: 'catalog',
    title: 'Catalog hygiene',
    description: 'Findable and owned.',
    checks: ['catalog.*'],
    weights: { 'catalog.description': 5 },
    levels: [{ name: 'tidy', minScore: 90 }],
  },
  {
    id: 'experiments',
    title: 'Experiments',
    appliesTo: { lifecycles: ['experimental'] },
  },
];

const withScorecards = (value: unknown) =>
  mockServices.rootConfig.factory({
    data: { opsready: { scorecards: value } } as any,
  });

// Each test starts a backend with its database.
jest.setTimeout(60_000);

describe('several scorecards', () => {
  it("scores the entity on each scorecard whose scope covers it, with that scorecard's checks, weights and levels", async () => {
    const server = await startWith(
      [described, payments],
      withScorecards(scorecards),
    );
    const res = await request(server).get(`${base}/checks`).expect(200);
    expect(res.body.scorecards.map((s: any) => s.id)).toEqual([
      'production-readiness',
      'catalog',
    ]);
    const [first, catalog] = res.body.scorecards;
    // The first scorecard is the entity's score.
    expect(first).toMatchObject({
      score: res.body.score,
      level: res.body.level,
    });
    expect(catalog.checks.every((c: any) => c.id.startsWith('catalog.'))).toBe(
      true,
    );
    expect(catalog.checks).toContainEqual({
      id: 'catalog.description',
      weight: 5,
    });
    // The catalog checks, as weighed by the scorecard, make its score.
    const results = new Map<string, string>(
      res.body.checks.map((c: any) => [c.id, c.result.status]),
    );
    let possible = 0;
    let earned = 0;
    for (const check of catalog.checks) {
      const status = results.get(check.id);
      if (!status || status === 'not-applicable' || check.weight === 0) {
        continue;
      }
      possible += check.weight;
      if (status === 'pass') earned += check.weight;
      if (status === 'warn') earned += check.weight / 2;
    }
    expect(catalog.score).toBe(Math.round((earned / possible) * 100));
    expect(catalog.level).toBe(catalog.score >= 90 ? 'tidy' : null);
    expect(catalog.levels).toEqual([
      { name: 'tidy', minScore: 90, noFailingCritical: false },
    ]);
  });

  it('shows the fleet and the gate through the scorecard asked for, and lists the scorecards', async () => {
    const server = await startWith(
      [checkoutservice, payments],
      withScorecards(scorecards),
    );
    const evaluated = await request(server).post(`${base}/refresh`).expect(200);
    const catalog = evaluated.body.scorecards[1];

    const fleet = await request(server)
      .get('/api/opsready/fleet')
      .query({ scorecard: 'catalog' })
      .expect(200);
    expect(fleet.body.items).toMatchObject([
      { entityRef: 'component:default/checkoutservice', score: catalog.score },
    ]);
    expect(
      fleet.body.topFailingChecks.every((c: any) =>
        c.checkId.startsWith('catalog.'),
      ),
    ).toBe(true);
    const unknown = await request(server)
      .get('/api/opsready/fleet')
      .query({ scorecard: 'speed' })
      .expect(400);
    expect(unknown.body.error.message).toBe(
      "Invalid query: scorecard: unknown scorecard 'speed'; the scorecards are production-readiness, catalog, experiments",
    );
    await request(server)
      .get('/api/opsready/fleet')
      .query({ scorecard: 'catalog', level: 'gold' })
      .expect(400);

    const gate = await request(server)
      .get('/api/opsready/gate')
      .query({
        entityRef: 'checkoutservice',
        minLevel: 'tidy',
        scorecard: 'catalog',
      })
      .expect(200);
    expect(gate.body).toMatchObject({
      scorecard: 'catalog',
      score: catalog.score,
      pass: catalog.level === 'tidy',
    });

    const listed = await request(server)
      .get('/api/opsready/scorecards')
      .expect(200);
    expect(listed.body.items.map((s: any) => [s.id, s.title])).toEqual([
      ['production-readiness', 'Production readiness'],
      ['catalog', 'Catalog hygiene'],
      ['experiments', 'Experiments'],
    ]);
    expect(listed.body.items[2].appliesTo).toEqual({
      lifecycles: ['experimental'],
    });
  });

  it('stops start-up naming the key of a scorecard that scores no check in force', async () => {
    await expect(
      startTestBackend({
        features: [
          opsreadyPlugin,
          scheduler,
          catalogServiceMock.factory(),
          withScorecards([{ id: 'sec', title: 'Security', checks: ['sec.*'] }]),
        ],
      }),
    ).rejects.toThrow(
      "opsready.scorecards[0].checks: 'sec.*' matches no check in force",
    );
  });
});
