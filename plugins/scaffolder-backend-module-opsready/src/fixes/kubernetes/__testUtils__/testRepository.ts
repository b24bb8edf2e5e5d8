import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { Entity } from '@backstage/catalog-model';
import { HEALTH_URL_ANNOTATION } from '@opsready/plugin-opsready-common';
import {
  builtInChecks,
  CheckResult,
  defaultCheckOptions,
  evaluateChecks,
  factsFromRepository,
} from '@opsready/plugin-opsready-node';
import { TIER_PRESETS } from '../../../manifests/tierPresets';
import { CheckFixer, FixContext, FixFiles } from '../../types';

/*
 * What the fixer tests share: an in-memory repository, a fix context, the
 * check engine's verdict on the repository, and golden diffs.
 */

/** Google's Online Boutique manifests, byte for byte as released. */
export const ONLINE_BOUTIQUE = readFileSync(
  resolve(
    __dirname,
    '../../../__fixtures__/kubernetes/microservices-demo.yaml',
  ),
  'utf8',
);

/** A repository held in memory, as the generate action gives it to fixers. */
export class MemoryFiles implements FixFiles {
  readonly files: Map<string, string>;
  constructor(files: Record<string, string>) {
    this.files = new Map(Object.entries(files));
  }
  paths() {
    return [...this.files.keys()].sort();
  }
  read(path: string) {
    return this.files.get(path);
  }
  write(path: string, text: string) {
    this.files.set(path, text);
  }
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.files);
  }
}

export function component(
  annotations: Record<string, string> = {
    [HEALTH_URL_ANNOTATION]: 'http://frontend:80/_healthz',
  },
  lifecycle = 'production',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'online-boutique', namespace: 'default', annotations },
    spec: { type: 'service', lifecycle, owner: 'group:default/shop' },
  };
}

export function fixContext(overrides: Partial<FixContext> = {}): FixContext {
  return {
    entity: component(),
    tier: 'standard',
    preset: TIER_PRESETS.standard,
    productionLifecycles: ['production'],
    runningDigests: {},
    values: {},
    ...overrides,
  };
}

/** The check's result on the repository, as the engine evaluates it. */
export function evaluate(
  checkId: string,
  files: MemoryFiles,
  entity: Entity = component(),
): CheckResult {
  const snapshot = files.snapshot();
  const facts = factsFromRepository({
    paths: Object.keys(snapshot).sort(),
    files: snapshot,
  });
  const checks = builtInChecks.filter(check => check.id === checkId);
  const [result] = evaluateChecks(
    checks,
    { ...facts, entity },
    { now: new Date('2026-12-01T12:00:00Z'), options: defaultCheckOptions },
  );
  return result;
}

/** Applies a fixer and returns its outcome with the diff of every changed file. */
export async function applyFixer(
  fixer: CheckFixer,
  files: MemoryFiles,
  context: FixContext = fixContext(),
) {
  const before = files.snapshot();
  const outcome = await fixer.apply(files, context);
  const after = files.snapshot();
  const diff = Object.keys(after)
    .sort()
    .filter(path => after[path] !== before[path])
    .map(path =>
      createTwoFilesPatch(
        `a/${path}`,
        `b/${path}`,
        before[path] ?? '',
        after[path],
        undefined,
        undefined,
        { context: 2 },
      ),
    )
    .join('');
  return { outcome, diff };
}

/** Lines of a unified diff that remove or change something. */
export function removedLines(diff: string): string[] {
  return diff
    .split('\n')
    .filter(line => line.startsWith('-') && !line.startsWith('---'));
}

/**
 * Compares a diff with its committed golden file, `__golden__/NAME.diff`;
 * with UPDATE_GOLDEN=1 the file is written instead, to be read over before
 * it is committed.
 */
export function expectGolden(name: string, diff: string) {
  const path = resolve(__dirname, '..', '__golden__', `${name}.diff`);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, diff);
  }
  expect(diff).toBe(readFileSync(path, 'utf8'));
}
