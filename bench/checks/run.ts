/*
 * Benchmark (on demand, not in CI): evaluates 10,000 synthetic services with
 * workloads and repository files through OpsReady's check engine, then runs
 * the same facts through equivalent rules in json-rules-engine (the engine
 * Tech Insights uses, driven as its JsonRulesEngineFactChecker drives it),
 * and prints both times and the ratio. The rules are simpler than the checks
 * (no evidence, no per-container messages), so the counts of results that
 * do not pass come out close but not equal.
 *
 *   yarn bench:checks            # 10,000 services
 *   ENTITIES=2000 yarn bench:checks
 *
 * Targets: <= 10 s for 10,000 services, and >= 25x json-rules-engine.
 */
import { computeScore } from '@opsready/plugin-opsready-common';
import {
  builtInChecks,
  defaultCheckOptions,
  evaluateChecks,
} from '@opsready/plugin-opsready-node';
import { Engine, RuleProperties } from 'json-rules-engine';
import { buildEquivalentRules, registerOperators } from './equivalentRules';
import { syntheticServices } from './syntheticServices';

const count = Number(process.env.ENTITIES ?? 10_000);

function seconds(ms: number) {
  return `${(ms / 1000).toFixed(2)} s`;
}

type Facts = ReturnType<typeof syntheticServices>[number];

/** OpsReady: every check, then the score. Returns the results not passing. */
function runOpsReady(batch: Facts[], now: Date): number {
  const context = { now, options: defaultCheckOptions };
  const weights = new Map(builtInChecks.map(c => [c.id, c.weight]));
  let notPassing = 0;
  for (const facts of batch) {
    const results = evaluateChecks(builtInChecks, facts, context);
    computeScore(results, weights);
    notPassing += results.filter(
      r => r.status !== 'pass' && r.status !== 'not-applicable',
    ).length;
  }
  return notPassing;
}

/**
 * json-rules-engine, driven the way Tech Insights' JsonRulesEngineFactChecker
 * drives it: per entity a new Engine with the operators and rules added, run
 * over the facts, and each result serialised for the response. Returns the
 * rules failing.
 */
async function runJsonRulesEngine(
  batch: Facts[],
  rules: RuleProperties[],
): Promise<number> {
  let failing = 0;
  for (const facts of batch) {
    const engine = new Engine([], { allowUndefinedFacts: true });
    registerOperators(engine);
    rules.forEach(rule => engine.addRule({ ...rule }));
    const { results, failureResults } = await engine.run({
      entity: facts.entity,
      kubernetes: facts.kubernetes ?? {},
      repository: facts.repository ?? {},
      health: facts.health ?? {},
      delivery: facts.delivery ?? {},
    });
    for (const result of [...results, ...failureResults]) {
      JSON.parse(result.toJSON() as string);
    }
    failing += failureResults.length;
  }
  return failing;
}

async function main() {
  const services = syntheticServices(count);
  const now = new Date();
  const rules = buildEquivalentRules(defaultCheckOptions, now);

  // Both sides first run over a slice, so that neither is timed while the
  // JIT compiler is still warming up.
  const warmUp = services.slice(0, Math.min(1000, count));
  runOpsReady(warmUp, now);
  await runJsonRulesEngine(warmUp, rules);

  const opsStart = performance.now();
  const notPassing = runOpsReady(services, now);
  const opsMs = performance.now() - opsStart;

  const jreStart = performance.now();
  const jreFailing = await runJsonRulesEngine(services, rules);
  const jreMs = performance.now() - jreStart;

  const rows = [
    ['services', String(count)],
    ['OpsReady checks', String(builtInChecks.length)],
    ['json-rules-engine rules', String(rules.length)],
    ['OpsReady time', seconds(opsMs)],
    ['OpsReady services/s', String(Math.round(count / (opsMs / 1000)))],
    ['OpsReady results not passing', String(notPassing)],
    ['json-rules-engine time', seconds(jreMs)],
    ['json-rules-engine rules failing', String(jreFailing)],
    ['ratio (json-rules-engine / OpsReady)', `${(jreMs / opsMs).toFixed(1)}x`],
  ];
  for (const [name, value] of rows) {
    process.stdout.write(`${name.padEnd(40)} ${value}\n`);
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
