import { candidateOf, readCandidate } from './candidateConfig';
import { checks, inForce } from './__testUtils__/fleet';

const known = new Set(checks.map(c => c.id));
const read = (body: unknown) => readCandidate(body, inForce, known);

describe('readCandidate', () => {
  it('reads a candidate as app-config is read, keeping how long checks may stay pending', () => {
    const candidate = read({
      checks: {
        disabled: ['catalog.docs'],
        overrides: { 'kubernetes.pdb': { weight: 3 } },
      },
      scoring: { warnCredit: 0.25, levels: [{ name: 'ok', minScore: 60 }] },
    });
    expect(candidate).toEqual({
      disabledChecks: ['catalog.docs'],
      overrides: new Map([
        ['kubernetes.pdb', { weight: 3, appliesTo: undefined }],
      ]),
      warnCredit: 0.25,
      levels: [{ name: 'ok', minScore: 60, noFailingCritical: false }],
      pendingForMs: inForce.pendingForMs,
    });
  });

  it.each([
    [
      { scoring: { warnCredit: 2 } },
      'Invalid candidate: opsready.scoring.warnCredit is a share from 0 to 1, got 2',
    ],
    [
      { scoring: { levels: [{ name: 'gold', minScore: 'high' }] } },
      'opsready.scoring.levels[0].minScore',
    ],
    [
      { checks: { overrides: { 'kubernetes.pdb': { weight: -1 } } } },
      'opsready.checks.overrides.kubernetes.pdb.weight must be a number of 0 or more, got -1',
    ],
    [
      { checks: { disabled: ['kubernetes.pbd'] } },
      "Invalid candidate: opsready.checks.disabled: no check has the id 'kubernetes.pbd'",
    ],
    [[], 'Invalid candidate: must be an object'],
  ])('refuses %j with a message naming the key', (body, message) => {
    expect(() => read(body)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringContaining(message),
      }),
    );
  });
});

describe('candidateOf', () => {
  it('gives the configuration in force in the shape a candidate takes, which reads back the same', () => {
    const config = {
      ...inForce,
      overrides: new Map([
        ['kubernetes.pdb', { weight: 2, appliesTo: { kinds: ['Component'] } }],
      ]),
    };
    const shown = candidateOf(config);
    expect(shown).toEqual({
      checks: {
        disabled: ['catalog.docs'],
        overrides: {
          'kubernetes.pdb': { weight: 2, appliesTo: { kinds: ['Component'] } },
        },
      },
      scoring: {
        warnCredit: 0.5,
        levels: [
          { name: 'bronze', minScore: 50, noFailingCritical: false },
          { name: 'silver', minScore: 75, noFailingCritical: false },
          { name: 'gold', minScore: 90, noFailingCritical: true },
        ],
      },
    });
    expect(read(shown)).toMatchObject({
      disabledChecks: config.disabledChecks,
      warnCredit: config.warnCredit,
    });
  });
});
