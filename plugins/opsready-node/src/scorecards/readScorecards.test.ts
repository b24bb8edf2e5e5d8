import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { defaultLevels } from '@opsready/plugin-opsready-common';
import { readScorecards, validateScorecards } from './readScorecards';

const read = (scorecards: JsonValue) =>
  readScorecards(new ConfigReader({ opsready: { scorecards } }), defaultLevels);

describe('readScorecards', () => {
  it('gives one scorecard of every check with the scoring levels when none is configured', () => {
    const [only, ...rest] = readScorecards(new ConfigReader({}), defaultLevels);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      id: 'production-readiness',
      title: 'Production readiness',
      checks: ['*'],
      levels: defaultLevels,
    });
    expect(only.weights.size).toBe(0);
  });

  it('reads each scorecard with its checks, weights (dotted ids), levels and scope', () => {
    const [security] = read([
      {
        id: 'security',
        title: 'Security',
        checks: ['repository.secrets*', 'kubernetes.security*'],
        weights: { 'kubernetes.securityContext': 3 },
        levels: [{ name: 'safe', minScore: 80, noFailingCritical: true }],
        appliesTo: { lifecycles: ['production'] },
      },
    ]);
    expect(security.id).toBe('security');
    expect(security.weights.get('kubernetes.securityContext')).toBe(3);
    expect(security.levels).toEqual([
      { name: 'safe', minScore: 80, noFailingCritical: true },
    ]);
    expect(security.appliesTo?.lifecycles).toEqual(['production']);
  });

  it('falls back to the scoring levels for a scorecard that names none', () => {
    expect(read([{ id: 'ops', title: 'Operability' }])[0].levels).toBe(
      defaultLevels,
    );
  });

  it.each([
    [[], 'opsready.scorecards must name at least one scorecard'],
    [
      [{ id: 'Security!', title: 'S' }],
      "opsready.scorecards[0].id must be lowercase letters, digits and dashes (at most 63), got 'Security!'",
    ],
    [
      [
        { id: 'ops', title: 'Operability' },
        { id: 'ops', title: 'Again' },
      ],
      "opsready.scorecards[1].id: scorecard 'ops' is defined twice",
    ],
    [
      [{ id: 'ops', title: 'O', weights: { 'kubernetes.pdb': -1 } }],
      'opsready.scorecards[0].weights.kubernetes.pdb must be a number of 0 or more, got -1',
    ],
    [
      [{ id: 'ops', title: 'O', levels: [{ name: 'x', minScore: 120 }] }],
      "opsready.scorecards[0].levels: level 'x' has minScore 120; it must be from 0 to 100",
    ],
    [
      [{ id: 'ops', title: 'O', checks: [] }],
      'opsready.scorecards[0].checks must name at least one check',
    ],
  ])('refuses %j naming the key', (scorecards, message) => {
    expect(() => read(scorecards)).toThrow(message);
  });

  it('refuses a scorecard without a title, naming the key', () => {
    expect(() => read([{ id: 'ops' }])).toThrow(
      /opsready\.scorecards\[0\]\.title/,
    );
  });
});

describe('validateScorecards', () => {
  const checkIds = ['catalog.owner', 'kubernetes.pdb', 'kubernetes.limits'];

  it('accepts patterns that match checks in force and weights of their checks', () => {
    expect(() =>
      validateScorecards(
        read([
          {
            id: 'k8s',
            title: 'Kubernetes',
            checks: ['kubernetes.*'],
            weights: { 'kubernetes.pdb': 2 },
          },
        ]),
        checkIds,
      ),
    ).not.toThrow();
  });

  it('refuses a pattern that matches no check, naming the key', () => {
    expect(() =>
      validateScorecards(
        read([{ id: 'sec', title: 'S', checks: ['secrets.*'] }]),
        checkIds,
      ),
    ).toThrow("opsready.scorecards[0].checks: 'secrets.*' matches no check");
  });

  it('refuses a weight of a check the scorecard does not score', () => {
    expect(() =>
      validateScorecards(
        read([
          {
            id: 'k8s',
            title: 'K',
            checks: ['kubernetes.*'],
            weights: { 'catalog.owner': 2 },
          },
        ]),
        checkIds,
      ),
    ).toThrow(
      "opsready.scorecards[0].weights: 'catalog.owner' is not a check of scorecard 'k8s'",
    );
  });
});
