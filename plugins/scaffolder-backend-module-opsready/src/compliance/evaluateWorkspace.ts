import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CheckResult,
  computeLevel,
  computeScore,
} from '@opsready/plugin-opsready-common';
import {
  CatalogFacts,
  evaluateChecks,
  factsFromRepository,
  mergeFacts,
  readRepositoryDirectory,
  ScoringConfig,
} from '@opsready/plugin-opsready-node';
import { checksInScope } from './checksInScope';

/** A check that did not pass, with why and how to fix it. */
export interface FailingCheck {
  checkId: string;
  title: string;
  severity: string;
  status: CheckResult['status'];
  message: string;
  remediation: string;
}

export interface WorkspaceEvaluation {
  score: number | null;
  level: string | null;
  results: CheckResult[];
  failingChecks: FailingCheck[];
}

const NOT_PASSING = new Set(['fail', 'error', 'unknown']);

/**
 * Whether the entity's owner exists, asked of the catalog as the backend's
 * catalog fact provider would; undefined (so `catalog.owner` only warns)
 * when the entity names no owner ref that can be read.
 */
async function catalogFacts(
  entity: Entity,
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<CatalogFacts | undefined> {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') {
    return undefined;
  }
  let ref;
  try {
    ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
  } catch {
    return { ownerExists: false };
  }
  const found = await catalog.getEntityByRef(ref, { credentials });
  return { ownerExists: Boolean(found) };
}

/**
 * Runs OpsReady's check engine on a rendered repository, as the backend
 * runs it on a registered service: the same fact builders (repository
 * files, manifests, catalog), the same checks and the same score and level
 * maths, over the checks in scope for a repository that has never run.
 */
export async function evaluateWorkspace(options: {
  root: string;
  entity: Entity;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  settings: ScoringConfig;
  now?: Date;
}): Promise<WorkspaceEvaluation> {
  const { root, entity, catalog, credentials, settings } = options;
  const repository = await readRepositoryDirectory(root);
  const catalogPart = await catalogFacts(entity, catalog, credentials);
  const facts = mergeFacts(entity, [
    factsFromRepository(repository),
    catalogPart ? { catalog: catalogPart } : undefined,
  ]);
  const checks = checksInScope(settings.disabledChecks);
  const results = evaluateChecks(checks, facts, {
    now: options.now ?? new Date(),
    options: settings.options,
  });
  const weights = new Map(checks.map(c => [c.id, c.weight]));
  const severities = new Map(checks.map(c => [c.id, c.severity]));
  const score = computeScore(results, weights, {
    warnCredit: settings.warnCredit,
  });
  const { level } = computeLevel(score, results, severities, settings.levels);
  const byId = new Map(checks.map(c => [c.id, c]));
  const failingChecks = results
    .filter(r => NOT_PASSING.has(r.status))
    .map(r => {
      const check = byId.get(r.checkId)!;
      return {
        checkId: r.checkId,
        title: check.title,
        severity: check.severity,
        status: r.status,
        message: r.message,
        remediation: check.remediation,
      };
    });
  return { score, level, results, failingChecks };
}
