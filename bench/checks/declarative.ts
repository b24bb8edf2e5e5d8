/*
 * Benchmark (on demand, not in CI): a few built-in checks against
 * declarative checks written to decide the same (declarativeEquivalents.ts),
 * over the synthetic fleet, both through `evaluateChecks`. Prints both
 * times and their ratio; the target is declarative within 2x of built-in.
 *
 *   cd bench && node --require @backstage/cli-node/config/nodeTransform.cjs checks/declarative.ts
 *   ENTITIES=2000 ROUNDS=3 …                      # quicker
 */
import {
  builtInChecks,
  CheckDefinition,
  compileDeclarativeCheck,
  defaultCheckOptions,
  evaluateChecks,
} from '@opsready/plugin-opsready-node';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadavg } from 'node:os';
import { declarativeEquivalents } from './declarativeEquivalents';
import { syntheticServices } from './syntheticServices';

const count = Number(process.env.ENTITIES ?? 10_000);
const rounds = Math.max(1, Number(process.env.ROUNDS ?? 5));

setFlagsFromString('--expose-gc');
const gc: () => void = runInNewContext('gc');

type Facts = ReturnType<typeof syntheticServices>[number];

const ids = Object.keys(declarativeEquivalents);
const builtIn = ids.map(id => builtInChecks.find(c => c.id === id)!);
const declarative = ids.map((id, i) =>
  compileDeclarativeCheck(declarativeEquivalents[id], `bench[${i}]`),
);

const passes = (status: string) =>
  status === 'pass' || status === 'not-applicable';

function run(checks: CheckDefinition[], fleet: Facts[], now: Date): number {
  let notPassing = 0;
  for (const facts of fleet) {
    for (const r of evaluateChecks(checks, facts, {
      now,
      options: defaultCheckOptions,
    })) {
      if (!passes(r.status)) notPassing += 1;
    }
  }
  return notPassing;
}

function timed(work: () => number) {
  gc();
  const start = performance.now();
  const value = work();
  return { ms: performance.now() - start, value };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function main() {
  const now = new Date();
  const load = () => loadavg()[0].toFixed(1);
  const loadBefore = load();

  // Where the verdicts differ, by check (this pass also warms both up).
  const differ = new Map<string, number>(ids.map(id => [id, 0]));
  for (const facts of syntheticServices(count)) {
    const a = evaluateChecks(builtIn, facts, {
      now,
      options: defaultCheckOptions,
    });
    const b = evaluateChecks(declarative, facts, {
      now,
      options: defaultCheckOptions,
    });
    a.forEach((r, i) => {
      if (passes(r.status) !== passes(b[i].status)) {
        differ.set(ids[i], differ.get(ids[i])! + 1);
      }
    });
  }

  const builtInTimes: number[] = [];
  const declarativeTimes: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const fleet = syntheticServices(count);
    const b = () => timed(() => run(builtIn, fleet, now));
    const d = () => timed(() => run(declarative, fleet, now));
    // Taking turns at going first.
    const [x, y] =
      round % 2 === 0 ? [b(), d()] : (([dd, bb]) => [bb, dd])([d(), b()]);
    builtInTimes.push(x.ms);
    declarativeTimes.push(y.ms);
    ratios.push(y.ms / x.ms);
    process.stderr.write(
      `round ${round + 1}/${rounds}: built-in ${x.ms.toFixed(
        0,
      )} ms, declarative ${y.ms.toFixed(0)} ms, ${(y.ms / x.ms).toFixed(2)}x\n`,
    );
  }
  const ms = (v: number[]) =>
    `${median(v).toFixed(0)} ms (${Math.min(...v).toFixed(0)}–${Math.max(
      ...v,
    ).toFixed(0)})`;
  const rows: Array<[string, string]> = [
    ['services × rounds', `${count} × ${rounds}`],
    ['checks', ids.join(', ')],
    ['built-in time', ms(builtInTimes)],
    ['declarative time', ms(declarativeTimes)],
    [
      'ratio (declarative / built-in)',
      `${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(
        2,
      )}–${Math.max(...ratios).toFixed(2)}x)`,
    ],
    ['load average (1 min), start–end', `${loadBefore}–${load()}`],
    ...[...differ].map(([id, n]): [string, string] => [
      `verdicts that differ: ${id}`,
      String(n),
    ]),
  ];
  for (const [name, value] of rows) {
    process.stdout.write(`${name.padEnd(44)} ${value}\n`);
  }
}

main();
