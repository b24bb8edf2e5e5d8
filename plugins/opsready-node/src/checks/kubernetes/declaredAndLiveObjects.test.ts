import {
  describeOffences,
  Offence,
  phrasesForSubsets,
} from './declaredAndLiveObjects';

/** The same problem for `count` containers, on both sides, as checks find them. */
function offencesOfContainers(count: number): Offence[] {
  const offences: Offence[] = [];
  for (const side of ['declared', 'live'] as const) {
    for (let i = 0; i < count; i++) {
      offences.push({
        side,
        object: 'Deployment/cart',
        container: `c${i}`,
        problem: 'has no livenessProbe',
      });
    }
  }
  return offences;
}

describe('describeOffences', () => {
  // Few offences are grouped by comparing them, many by a key: both must
  // say the same.
  it.each([3, 5, 40])(
    'says a problem found on both sides once, for %i containers',
    count => {
      const hidden = count - 3;
      expect(describeOffences(offencesOfContainers(count))).toBe(
        `${[0, 1, 2]
          .map(
            i =>
              `Deployment/cart container c${i} in the manifests and in the cluster has no livenessProbe`,
          )
          .join('; ')}${hidden > 0 ? ` (and ${hidden} more)` : ''}.`,
      );
    },
  );

  it('keeps apart what differs in subject or problem, however many there are', () => {
    for (const extra of [0, 30]) {
      const offences: Offence[] = [
        { side: 'live', object: 'Deployment/cart', problem: 'runs 1 replica' },
        {
          side: 'declared',
          object: 'Deployment/cart',
          container: 'init',
          initContainer: true,
          problem: 'is privileged',
        },
        {
          side: 'declared',
          object: 'Deployment/cart',
          container: 'init',
          problem: 'is privileged',
        },
        ...offencesOfContainers(extra / 2),
      ];
      expect(describeOffences(offences)).toBe(
        `Deployment/cart in the cluster runs 1 replica; Deployment/cart init container init in the manifests is privileged; Deployment/cart container init in the manifests is privileged${
          extra ? ` (and ${extra / 2} more)` : ''
        }.`,
      );
    }
  });
});

describe('phrasesForSubsets', () => {
  it('makes a phrase for every subset, in the order of the items', () => {
    expect(phrasesForSubsets(['a', 'b'], items => items.join('+'))).toEqual([
      '',
      'a',
      'b',
      'a+b',
    ]);
  });
});
