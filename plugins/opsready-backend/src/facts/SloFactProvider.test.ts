import { DEFAULT_METRICS } from '../config/readPrometheusConfig';
import { Entity } from '@backstage/catalog-model';
import { SloSpec } from '@opsready/plugin-opsready-node';
import { StoredEndpoint } from '../database/HealthStore';
import {
  PrometheusQuerier,
  PrometheusUnavailableError,
} from '../prometheus/PrometheusClient';
import { SloFactProvider, SloMeasured, SpecOf } from './SloFactProvider';

const metrics = DEFAULT_METRICS;
const spec: SloSpec = {
  availability: { target: 0.999, windowDays: 28 },
  declaredBy: 'annotation',
};
const now = new Date('2026-03-02T12:30:00Z');

const entity = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

// Entities whose name starts with "slo" have objectives.
const specOf: SpecOf = e =>
  e.metadata.name.startsWith('slo') ? { spec, problems: [] } : { problems: [] };

function querier(
  answer: (server: string, q: string) => number | undefined,
  servers = ['main', 'eu'],
) {
  const calls: string[] = [];
  const q: PrometheusQuerier = {
    defaultServer: servers[0],
    hasServer: name => servers.includes(name),
    query: async (server, promql) => {
      calls.push(`${server} ${promql}`);
      return answer(server, promql);
    },
  };
  return { q, calls };
}

const health = {
  getTransitions: async () => [],
  getEndpoints: async (ref: string) =>
    ref === 'component:default/slo-probed'
      ? [
          {
            entityRef: 'component:default/slo-probed',
            environment: 'production',
            url: 'https://probed/health',
            state: {
              status: 'up',
              consecutiveSuccesses: 3,
              consecutiveFailures: 0,
              recentTransitions: [],
              flapping: false,
            },
          } as StoredEndpoint,
        ]
      : [],
  getRollups: async () => [
    {
      environment: 'production',
      bucket: 'hour' as const,
      bucketStart: new Date('2026-03-02T12:00:00Z'),
      probes: 40,
      failures: 2,
      histogram: [],
      unanswered: { refused: 0, failedToConnect: 0, timedOut: 2 },
    },
  ],
};

describe('SloFactProvider', () => {
  it('measures entities with a selector in Prometheus, the others from probes, and skips entities with neither', async () => {
    const { q, calls } = querier(() => 0.01);
    const provider = new SloFactProvider({
      specOf,
      prometheus: { client: q, metrics },
      health,
      now: () => now,
    });
    const facts = await provider.gather([
      entity('slo-prom', { 'prometheus.io/selector': 'job="checkout"' }),
      entity('slo-eu', {
        'prometheus.io/selector': 'job="eu"',
        'prometheus.io/service-name': 'eu',
      }),
      entity('slo-probed'),
      entity('plain'),
    ]);
    expect([...facts.keys()]).toEqual([
      'component:default/slo-prom',
      'component:default/slo-eu',
      'component:default/slo-probed',
    ]);
    const prom = facts.get('component:default/slo-prom')!.slo!;
    expect(prom.spec).toBe(spec);
    expect(prom.problems).toBeUndefined();
    expect(prom.sli).toMatchObject({
      source: 'prometheus',
      errorRatios: { slo: 0.01, '5m': 0.01 },
    });
    expect(calls.filter(c => c.startsWith('eu '))).toHaveLength(7);
    expect(calls.some(c => c.startsWith('eu ') && c.includes('job="eu"'))).toBe(
      true,
    );
    const probed = facts.get('component:default/slo-probed')!.slo!;
    expect(probed.sli).toMatchObject({
      source: 'probes',
      queries: ['production: https://probed/health'],
      errorRatios: { '1h': 0.05, slo: 0.05 },
    });
  });

  it('measures an entity with a selector but no objectives, so its SLIs show', async () => {
    const { q } = querier(() => 0);
    const facts = await new SloFactProvider({
      specOf,
      prometheus: { client: q, metrics },
      now: () => now,
    }).gather([entity('plain', { 'prometheus.io/selector': 'job="x"' })]);
    const slo = facts.get('component:default/plain')!.slo!;
    expect(slo.spec).toBeUndefined();
    expect(slo.sli?.errorRatios.slo).toBe(0);
  });

  it('gives a problem and no SLI when Prometheus does not answer, never the probes', async () => {
    const { q } = querier(server => {
      throw new PrometheusUnavailableError(server, 'connect ECONNREFUSED');
    });
    const facts = await new SloFactProvider({
      specOf,
      prometheus: { client: q, metrics },
      health,
      now: () => now,
    }).gather([
      entity('slo-probed', { 'prometheus.io/selector': 'job="checkout"' }),
    ]);
    expect(facts.get('component:default/slo-probed')).toEqual({
      slo: {
        spec,
        problems: ['Prometheus main did not answer: connect ECONNREFUSED'],
      },
    });
  });

  it('names what is wrong with the annotations or the config', async () => {
    const { q, calls } = querier(() => 0);
    const provider = new SloFactProvider({
      specOf: e => ({
        spec,
        problems:
          e.metadata.name === 'bad-spec' ? ['objective unreadable'] : [],
      }),
      prometheus: { client: q, metrics },
      now: () => now,
    });
    const facts = await provider.gather([
      entity('injected', {
        'prometheus.io/selector': 'job="a"} or vector(1) or {b="c"',
      }),
      entity('elsewhere', {
        'prometheus.io/selector': 'job="a"',
        'prometheus.io/service-name': 'us',
      }),
      entity('bad-spec'),
    ]);
    expect(facts.get('component:default/injected')!.slo!.problems).toEqual([
      expect.stringMatching(
        /^The prometheus\.io\/selector annotation must be label matchers/,
      ),
    ]);
    expect(facts.get('component:default/elsewhere')!.slo!.problems).toEqual([
      'The prometheus.io/service-name annotation names Prometheus us, which is not configured under opsready.prometheus.servers',
    ]);
    expect(facts.get('component:default/bad-spec')!.slo).toEqual({
      spec,
      problems: [
        'objective unreadable',
        "Nothing measures this entity's service level: it names no Prometheus series (prometheus.io/selector) and OpsReady probes none of its endpoints",
      ],
    });
    expect(calls).toEqual([]);

    const unconfigured = await new SloFactProvider({
      specOf,
      now: () => now,
    }).gather([entity('slo-x', { 'prometheus.io/selector': 'job="a"' })]);
    expect(unconfigured.get('component:default/slo-x')!.slo!.problems).toEqual([
      'The entity names its series (prometheus.io/selector) but no Prometheus server is configured under opsready.prometheus.servers',
    ]);
  });

  it('waits, without a problem, for the first probe of an entity that declares a health endpoint', async () => {
    const provider = new SloFactProvider({
      specOf,
      health: {
        getEndpoints: async () => [],
        getRollups: async () => [],
        getTransitions: async () => [],
      },
      now: () => now,
    });
    const facts = await provider.gather([
      entity('slo-new', {
        'opsready.io/health-url': 'https://new.example.com/healthz',
      }),
      entity('slo-unprobed'),
    ]);
    // Its error budget is pending, not unknown.
    expect(facts.get('component:default/slo-new')!.slo).toEqual({ spec });
    expect(facts.get('component:default/slo-unprobed')!.slo!.problems).toEqual([
      expect.stringMatching(/^Nothing measures this entity's service level/),
    ]);
  });

  it('tells the hook of every entity of a batch, whether it has objectives, was measured or could not be', async () => {
    const { q } = querier(server => {
      throw new PrometheusUnavailableError(server, 'connect ECONNREFUSED');
    });
    const told: SloMeasured[][] = [];
    const provider = new SloFactProvider({
      specOf,
      prometheus: { client: q, metrics },
      health,
      now: () => now,
      onMeasured: async measured => {
        told.push(measured);
      },
    });
    await provider.gather([
      entity('slo-down', { 'prometheus.io/selector': 'job="checkout"' }),
      entity('slo-probed'),
      entity('plain'),
    ]);
    expect(told).toEqual([
      [
        {
          entityRef: 'component:default/slo-down',
          spec,
          problems: ['Prometheus main did not answer: connect ECONNREFUSED'],
        },
        {
          entityRef: 'component:default/slo-probed',
          spec,
          sli: expect.objectContaining({ source: 'probes' }),
          problems: [],
        },
        { entityRef: 'component:default/plain', problems: [] },
      ],
    ]);

    // One entity measured on its own is told the same way.
    const slo = await provider.measure(entity('slo-probed'));
    expect(slo?.sli?.errorRatios['1h']).toBe(0.05);
    expect(told[1]).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/slo-probed',
        sli: slo?.sli,
      }),
    ]);
  });

  it('measures at most `concurrency` entities at once', async () => {
    let inFlight = 0;
    let most = 0;
    const q: PrometheusQuerier = {
      defaultServer: 'main',
      hasServer: () => true,
      query: async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise(r => setTimeout(r, 5));
        inFlight--;
        return 0;
      },
    };
    await new SloFactProvider({
      specOf,
      prometheus: { client: q, metrics },
      concurrency: 2,
    }).gather(
      Array.from({ length: 6 }, (_, i) =>
        entity(`e${i}`, { 'prometheus.io/selector': 'job="a"' }),
      ),
    );
    // Each entity sends its 7 queries at once: two entities, 14.
    expect(most).toBe(14);
  });
});
