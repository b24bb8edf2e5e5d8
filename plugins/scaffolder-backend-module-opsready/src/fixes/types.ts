import { Entity } from '@backstage/catalog-model';
import { CheckResult } from '@opsready/plugin-opsready-common';
import { TierPreset } from '../manifests/tierPresets';

/**
 * The files of the repository being fixed, in memory. Paths are relative to
 * the repository's root, with forward slashes. Fixers read and write through
 * it; the action writes what changed to the workspace once every fixer ran,
 * so a fixer that fails leaves nothing half-written.
 */
export interface FixFiles {
  /** Every path of the repository, sorted. */
  paths(): string[];
  /** A file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** Replaces a file's text, or adds the file. */
  write(path: string, text: string): void;
}

/** Values the person running the fix gave, for fixes that need them. */
export interface FixValues {
  /** The owning group, e.g. `group:default/payments` (catalog.owner). */
  owner?: string;
  /** One sentence on what the service does (catalog.description). */
  description?: string;
  /** The system it is part of (catalog.system). */
  system?: string;
  /** Its lifecycle, e.g. `production` (catalog.lifecycle). */
  lifecycle?: string;
}

/** What a fix may rely on beyond the repository. */
export interface FixContext {
  /** The entity as the catalog has it. */
  entity: Entity;
  /** Its result for the check being fixed, with evidence, as evaluated before. */
  result?: CheckResult;
  /**
   * The tier whose presets resource values, replicas and budgets come from:
   * the entity's or its workloads' `opsready.io/tier`, else the configured
   * default.
   */
  tier: string;
  /** The presets of that tier, from config (defaults: `TIER_PRESETS`). */
  preset: TierPreset;
  /** Lifecycles held to production rules, as the checks hold them. */
  productionLifecycles: string[];
  /**
   * Digests of the images the clusters run for the entity, by image as the
   * workload names it (`registry.example.com/cart:1.4.2` → `sha256:…`).
   * Empty when no cluster reports any.
   */
  runningDigests: Record<string, string>;
  /** Values from the fix template's form. */
  values: FixValues;
}

/** What one fixer did. */
export interface FixOutcome {
  /**
   * The changes made, a sentence each ("Added a readinessProbe and a
   * livenessProbe on /healthz to Deployment/cart in k8s/deployment.yaml"),
   * for the run's log and the pull request's description. Empty with
   * `refused` when nothing could be done.
   */
  changes: string[];
  /**
   * Why the fix was not made, naming what is missing ("no health endpoint
   * or port is declared, so probes are not guessed"); the action stops and
   * says so.
   */
  refused?: string;
}

/**
 * Makes one check pass by editing files, keeping everything it does not
 * change as it was: comments, key order, formatting (the `yaml` Document
 * API, never a re-serialised file). It never invents values it cannot
 * justify: it refuses instead. It must throw an `InputError` naming the
 * file and line when a YAML file it needs does not parse.
 */
export interface CheckFixer {
  checkId: string;
  /** What the fix does, in a sentence, for the action's description. */
  summary: string;
  apply(files: FixFiles, context: FixContext): FixOutcome | Promise<FixOutcome>;
}
