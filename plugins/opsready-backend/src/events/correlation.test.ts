import { Deployment, RollbackEvidence } from '@opsready/plugin-opsready-common';
import {
  compareVersions,
  correlate,
  CorrelationInput,
  CorrelationSettings,
} from './correlation';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-02T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();

const settings: CorrelationSettings = {
  windowMs: 60 * MINUTE,
  consecutiveHealthFailures: 2,
  healthFailureThreshold: 3,
  errorSpike: { minErrors: 5, factor: 3 },
};

/** A succeeded production deployment of `version`, `minutes` after T0, taking a minute. */
function deployment(
  id: string,
  version: string,
  minutes: number,
  fields: Partial<Deployment> = {},
): Deployment {
  return {
    id,
    entityRef: 'component:default/cart',
    environment: 'production',
    version,
    status: 'succeeded',
    startedAt: at(minutes),
    finishedAt: at(minutes + 1),
    source: 'api',
    externalId: id,
    isRollback: false,
    changeFailure: false,
    changeFailureReasons: [],
    rollbackAdvised: false,
    receivedAt: at(minutes),
    updatedAt: at(minutes),
    ...fields,
  };
}

/** Deployments of these versions, an hour apart, oldest first. */
function shipped(...versions: string[]): Deployment[] {
  return versions.map((v, i) => deployment(`d${i + 1}`, v, i * 180));
}

function run(input: Partial<CorrelationInput>) {
  const outcome = correlate(
    { deployments: [], errors: [], healthDowns: [], ...input },
    settings,
  );
  return {
    ...outcome,
    of: (id: string) => outcome.deployments.find(d => d.id === id),
  };
}

/** The ids of the deployments taken as rollbacks. */
const rollbacks = (...versions: string[]) =>
  run({ deployments: shipped(...versions) })
    .deployments.filter(d => d.isRollback)
    .map(d => d.id);

describe('compareVersions', () => {
  it.each([
    ['1.0.0-rc.10', '1.0.0-rc.9'],
    ['1.0.0', '1.0.0-rc.10'],
    ['0.10.0', '0.9.12'],
    ['v0.10.6', 'v0.9.9'],
    ['v0.10.6', '0.10.5'],
    ['2.0.0-beta.2', '2.0.0-alpha.11'],
    ['1.0.0-alpha.beta', '1.0.0-alpha.1'],
  ])('puts %s after %s', (later, earlier) => {
    expect(compareVersions(later, earlier)).toBeGreaterThan(0);
    expect(compareVersions(earlier, later)).toBeLessThan(0);
  });

  it('ignores build metadata', () => {
    expect(compareVersions('1.2.3+build.7', '1.2.3+build.10')).toBe(0);
  });

  it.each([
    ['4f2a9c1', '1.0.0'],
    ['1.0.0', 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'],
    ['release-2', 'release-1'],
    ['1.2', '1.1'],
    ['2024.10.01-1', '1.0.0'],
    ['latest', '1.0.0'],
  ])(
    'does not order %s and %s, which are not both semantic versions',
    (a, b) => {
      expect(compareVersions(a, b)).toBeUndefined();
    },
  );
});

describe('correlate', () => {
  describe('rollbacks of semantic versions', () => {
    it('takes 1.0.0-rc.10 after 1.0.0-rc.9 as a step forward', () => {
      const { of } = run({
        deployments: shipped('1.0.0-rc.8', '1.0.0-rc.9', '1.0.0-rc.10'),
      });
      expect(of('d3')).toEqual({
        id: 'd3',
        previousVersion: '1.0.0-rc.9',
        isRollback: false,
        changeFailureReasons: [],
      });
      expect(of('d2')?.changeFailureReasons ?? []).toEqual([]);
    });

    it('takes a step to a lower version as a rollback, and the one before as a change failure', () => {
      const { of } = run({ deployments: shipped('0.9.0', '0.10.0', '0.9.0') });
      expect(of('d3')).toMatchObject({
        previousVersion: '0.10.0',
        isRollback: true,
      });
      expect(of('d2')).toMatchObject({
        isRollback: false,
        changeFailureReasons: ['followed-by-rollback'],
      });
    });

    it('orders v-prefixed tags as the versions they name', () => {
      expect(rollbacks('v0.9.9', 'v0.10.6', 'v0.10.7')).toEqual([]);
      expect(rollbacks('v0.10.6', 'v0.10.7', 'v0.10.6')).toEqual(['d3']);
    });

    it('takes a release after its pre-releases as a step forward, and a pre-release after its release as a rollback', () => {
      expect(rollbacks('2.0.0-rc.1', '2.0.0')).toEqual([]);
      expect(rollbacks('2.0.0', '2.0.0-rc.1')).toEqual(['d2']);
    });

    it('takes a first deployment of a lower version as a rollback, though it never ran before', () => {
      expect(rollbacks('1.4.0', '1.3.9')).toEqual(['d2']);
    });
  });

  describe('rollbacks of versions that are not semantic', () => {
    it('goes by the order of the deployments: back to a version deployed before is a rollback', () => {
      const { of } = run({
        deployments: shipped('9f8e7d6', '1a2b3c4', '9f8e7d6'),
      });
      expect(of('d2')).toMatchObject({
        isRollback: false,
        changeFailureReasons: ['followed-by-rollback'],
      });
      expect(of('d3')).toMatchObject({
        previousVersion: '1a2b3c4',
        isRollback: true,
      });
    });

    it('takes a commit never deployed before as a step forward, whatever digits it holds', () => {
      // semver.coerce would read these as 9.0.0 and 1.0.0.
      expect(rollbacks('9f8e7d6', '1a2b3c4')).toEqual([]);
    });

    it('goes by the order of the deployments when a semantic version follows a commit', () => {
      expect(rollbacks('2.0.0', 'abc1234', '1.0.0')).toEqual([]);
      expect(rollbacks('2.0.0', 'abc1234', '2.0.0')).toEqual(['d3']);
    });
  });

  it('does not count a failed deployment as what runs', () => {
    const deployments = [
      deployment('d1', '1.1.0', 0),
      deployment('d2', '1.2.0', 180, { status: 'failed' }),
      deployment('d3', '1.1.1', 360),
    ];
    const { of } = run({ deployments });
    expect(of('d3')).toMatchObject({
      previousVersion: '1.1.0',
      isRollback: false,
    });
  });

  it('marks a deployment reported as rolled back as a change failure', () => {
    const { of } = run({
      deployments: [deployment('d1', '1.0.0', 0, { status: 'rolled-back' })],
    });
    expect(of('d1')?.changeFailureReasons).toEqual(['rolled-back']);
  });

  it('links an error to the deployment it followed within the window, and not one past it', () => {
    const { errorLinks, of } = run({
      deployments: shipped('1.0.0', '1.1.0'),
      errors: [
        { id: 'e1', firstSeenAt: at(30), count: 1 },
        // Linked before a late delivery showed it is past the window.
        { id: 'e2', firstSeenAt: at(120), count: 1, deploymentId: 'd1' },
        { id: 'e3', firstSeenAt: at(200), count: 2 },
      ],
    });
    expect(errorLinks).toEqual([
      { id: 'e1', deploymentId: 'd1' },
      { id: 'e2', deploymentId: null },
      { id: 'e3', deploymentId: 'd2' },
    ]);
    expect(of('d1')?.changeFailureReasons).toEqual(['error']);
    expect(of('d2')?.changeFailureReasons).toEqual(['error']);
  });

  it('marks a deployment its health endpoint went down after as a change failure, and advises a rollback', () => {
    const { of } = run({
      deployments: shipped('1.0.0'),
      healthDowns: [at(10)],
    });
    expect(of('d1')).toMatchObject({
      changeFailureReasons: ['health-down'],
      rollbackAdvisedReason: '3 consecutive health failures after it',
    });
  });

  it('advises a rollback after an error spike, naming the counts', () => {
    const { of } = run({
      deployments: [deployment('d1', '1.0.0', 120)],
      errors: [
        { id: 'before', firstSeenAt: at(90), count: 2 },
        { id: 'after', firstSeenAt: at(130), count: 6 },
      ],
    });
    expect(of('d1')?.rollbackAdvisedReason).toBe(
      '6 errors within 60 minutes after it, against 2 in as long before',
    );
  });

  describe('rollback evidence from request metrics', () => {
    const evidence = (
      trigger: RollbackEvidence['trigger'],
      fired: boolean,
      message: string,
    ): RollbackEvidence => ({
      trigger,
      query: 'q',
      after: 0,
      threshold: 0,
      window: { from: at(1), to: at(31) },
      fired,
      message,
    });

    it('advises a rollback with the message of each trigger that fired', () => {
      const errorRate = evidence(
        'error-rate',
        true,
        'Error rate 12.3 % since 1.1.0 was deployed, above 5 %',
      );
      const latency = evidence(
        'latency',
        true,
        'p95 latency 240 ms since 1.1.0 was deployed, 60 % above the 150 ms of the hour before (limit +50 %)',
      );
      const [d1, d2] = shipped('1.0.0', '1.1.0');
      const { of } = run({
        deployments: [d1, { ...d2, rollbackEvidence: [errorRate, latency] }],
      });
      expect(of('d2')?.rollbackAdvisedReason).toBe(
        `${errorRate.message}; ${latency.message}`,
      );
      expect(of('d1')?.rollbackAdvisedReason).toBeUndefined();
    });

    it('adds the triggers to the health failures, after them', () => {
      const errorRate = evidence('error-rate', true, 'Error rate 9 %');
      const { of } = run({
        deployments: [
          { ...shipped('1.0.0')[0], rollbackEvidence: [errorRate] },
        ],
        healthDowns: [at(10)],
      });
      expect(of('d1')?.rollbackAdvisedReason).toBe(
        '3 consecutive health failures after it; Error rate 9 %',
      );
    });

    it('advises nothing on evidence that did not fire', () => {
      const calm = evidence(
        'error-rate',
        false,
        'Error rate 4 % since 1.0.0 was deployed, within 5 %',
      );
      const { of, deployments } = run({
        deployments: [{ ...shipped('1.0.0')[0], rollbackEvidence: [calm] }],
      });
      expect(of('d1')?.rollbackAdvisedReason).toBeUndefined();
      expect(deployments).toEqual([]);
    });
  });

  it('answers only what changed', () => {
    const [d1, d2] = shipped('1.0.0', '1.1.0');
    const { deployments } = run({
      deployments: [d1, { ...d2, previousVersion: '1.0.0' }],
    });
    expect(deployments).toEqual([]);
  });
});
