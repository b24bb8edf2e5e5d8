/*
 * Benchmark (on demand, not in CI): evaluates 10,000 synthetic services with
 * workloads and repository files through OpsReady's check engine, then runs
 * the same facts through equivalent rules in json-rules-engine (the engine
 * Tech Insights uses, driven as its JsonRulesEngineFactChecker drives it),
 * and prints both times and the ratio. See README.md for what is measured.
 *
 *   yarn bench:checks                       # 10,000 services, 5 rounds
 *   ENTITIES=2000 ROUNDS=3 yarn bench:checks
 *   BREAKDOWN=1 yarn bench:checks           # also where json-rules-engine's time goes
 *
 * Targets: <= 10 s for 10,000 services, and >= 25x json-rules-engine.
 */
import { computeScore } from '@opsready/plugin-opsready-common';
import {
  builtInChecks,
  CheckResult,
  defaultCheckOptions,
  evaluateChecks,
} from '@opsready/plugin-opsready-node';
import { Engine, RuleProperties } from 'json-rules-engine';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildEquivalentRules, registerOperators } from './equivalentRules';
import { syntheticServices } from './syntheticServices';

const count = Number(process.env.ENTITIES ?? 10_000);
const rounds = Math.max(1, Number(process.env.ROUNDS ?? 5));

// A collection before each timed phase, so that neither side pays on its
// clock for the garbage the other left.
setFlagsFromString('--expose-gc');
const gc: () => void = runInNewContext('gc');

type Facts = ReturnType<typeof syntheticServices>[number];

function seconds(ms: number) {
  return `${(ms / 1000).toFixed(2)} s`;
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

const weights = new Map(builtInChecks.map(c => [c.id, c.weight]));

/** OpsReady for one service: every check, then the score. */
function opsReadyResults(facts: Facts, now: Date): CheckResult[] {
  const results = evaluateChecks(builtInChecks, facts, {
    now,
    options: defaultCheckOptions,
  });
  computeScore(results, weights);
  return results;
}

/** OpsReady over the fleet. Returns the results not passing. */
function runOpsReady(batch: Facts[], now: Date): number {
  let notPassing = 0;
  for (const facts of batch) {
    for (const r of opsReadyResults(facts, now)) {
      if (r.status !== 'pass' && r.status !== 'not-applicable') {
        notPassing += 1;
      }
    }
  }
  return notPassing;
}

/** The facts as json-rules-engine gets them: one fact per source. */
function jsonFacts(facts: Facts) {
  return {
    entity: facts.entity,
    catalog: facts.catalog ?? {},
    kubernetes: facts.kubernetes ?? {},
    repository: facts.repository ?? {},
    health: facts.health ?? {},
    delivery: facts.delivery ?? {},
  };
}

/**
 * json-rules-engine for one service, driven the way Tech Insights'
 * JsonRulesEngineFactChecker.runChecks drives it: a new Engine with the
 * operators and rules added, run over the facts, and each result turned
 * into a plain object (JSON.parse of its toJSON()) for the response.
 */
async function jsonRulesEngineResults(
  facts: Facts,
  rules: RuleProperties[],
  options: { reuse?: Engine; serialise?: boolean } = {},
) {
  let engine = options.reuse;
  if (!engine) {
    engine = new Engine([], { allowUndefinedFacts: true });
    registerOperators(engine);
    rules.forEach(rule => engine!.addRule({ ...rule }));
  }
  const { results, failureResults } = await engine.run(jsonFacts(facts));
  if (options.serialise !== false) {
    for (const result of [...results, ...failureResults]) {
      JSON.parse(result.toJSON() as string);
    }
  }
  return { results, failureResults };
}

/** json-rules-engine over the fleet. Returns the rules failing. */
async function runJsonRulesEngine(
  batch: Facts[],
  rules: RuleProperties[],
  options?: { reuse?: Engine; serialise?: boolean },
): Promise<number> {
  let failing = 0;
  for (const facts of batch) {
    const { failureResults } = await jsonRulesEngineResults(
      facts,
      rules,
      options,
    );
    failing += failureResults.length;
  }
  return failing;
}

/**
 * Both sides over the whole fleet, compared service by service and rule by
 * rule: a check passes (or does not apply) exactly where its rule passes.
 * Returns the disagreements by check; the figures mean nothing unless there
 * are none. This first pass over the fleet also warms both sides up.
 */
async function disagreements(
  services: Facts[],
  rules: RuleProperties[],
  now: Date,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const facts of services) {
    const passing = new Map<string, boolean>();
    const { results, failureResults } = await jsonRulesEngineResults(
      facts,
      rules,
    );
    results.forEach(r => passing.set(String(r.name), true));
    failureResults.forEach(r => passing.set(String(r.name), false));
    for (const r of opsReadyResults(facts, now)) {
      const passes = r.status === 'pass' || r.status === 'not-applicable';
      if (passing.get(r.checkId) !== passes) {
        found.set(r.checkId, (found.get(r.checkId) ?? 0) + 1);
      }
    }
  }
  return found;
}

async function timed<T>(work: () => T | Promise<T>) {
  gc();
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

async function main() {
  const now = new Date();
  const rules = buildEquivalentRules(defaultCheckOptions, now);

  const wrong = await disagreements(syntheticServices(count), rules, now);
  if (wrong.size > 0) {
    for (const [checkId, n] of wrong) {
      process.stderr.write(`${checkId}: ${n} services decided differently\n`);
    }
    throw new Error('The rules do not decide what the checks decide');
  }

  const opsTimes: number[] = [];
  const jreTimes: number[] = [];
  const ratios: number[] = [];
  let notPassing = 0;
  let jreFailing = 0;
  for (let round = 0; round < rounds; round++) {
    // Fresh facts every round, so that nothing either side might keep by
    // object identity carries over from an earlier round.
    const services = syntheticServices(count);
    const ops = () => timed(() => runOpsReady(services, now));
    const jre = () => timed(() => runJsonRulesEngine(services, rules));
    // Taking turns at going first, so that neither always runs on a heap
    // the other has grown.
    const [o, j] =
      round % 2 === 0
        ? [await ops(), await jre()]
        : await jre().then(async first => [await ops(), first]);
    opsTimes.push(o.ms);
    jreTimes.push(j.ms);
    ratios.push(j.ms / o.ms);
    notPassing = o.value;
    jreFailing = j.value;
    process.stderr.write(
      `round ${round + 1}/${rounds}: OpsReady ${seconds(
        o.ms,
      )}, json-rules-engine ${seconds(j.ms)}, ${(j.ms / o.ms).toFixed(1)}x\n`,
    );
  }

  const range = (values: number[]) =>
    `${seconds(median(values))} (${seconds(Math.min(...values))}–${seconds(
      Math.max(...values),
    )})`;
  const rows = [
    ['services', String(count)],
    ['rounds (median, min–max)', String(rounds)],
    ['OpsReady checks', String(builtInChecks.length)],
    ['json-rules-engine rules', String(rules.length)],
    ['verdicts that differ', '0'],
    ['OpsReady time', range(opsTimes)],
    [
      'OpsReady services/s',
      String(Math.round(count / (median(opsTimes) / 1000))),
    ],
    ['OpsReady results not passing', String(notPassing)],
    ['json-rules-engine time', range(jreTimes)],
    ['json-rules-engine rules failing', String(jreFailing)],
    [
      'ratio (json-rules-engine / OpsReady)',
      `${median(ratios).toFixed(1)}x (${Math.min(...ratios).toFixed(
        1,
      )}–${Math.max(...ratios).toFixed(1)}x)`,
    ],
  ];

  if (process.env.BREAKDOWN) {
    // Where json-rules-engine's time goes: without the per-service Engine
    // (one engine, rules added once), and without the results' round trip
    // through JSON either, which is then engine and operators alone.
    const services = syntheticServices(count);
    const engine = new Engine([], { allowUndefinedFacts: true });
    registerOperators(engine);
    rules.forEach(rule => engine.addRule({ ...rule }));
    const reused = await timed(() =>
      runJsonRulesEngine(services, rules, { reuse: engine }),
    );
    const bare = await timed(() =>
      runJsonRulesEngine(services, rules, { reuse: engine, serialise: false }),
    );
    rows.push(
      ['json-rules-engine, one engine', seconds(reused.ms)],
      ['json-rules-engine, one engine, no JSON', seconds(bare.ms)],
    );
  }

  for (const [name, value] of rows) {
    process.stdout.write(`${name.padEnd(40)} ${value}\n`);
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
