import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CheckResult } from '@opsready/plugin-opsready-common';
import {
  CatalogFacts,
  CheckDefinition,
  evaluateNewService,
  LiveDataSources,
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

/** A check that waits for its first data, and until when it may. */
export interface PendingCheck {
  checkId: string;
  title: string;
  message: string;
  pendingUntil: string;
}

export interface WorkspaceEvaluation {
  score: number | null;
  level: string | null;
  results: CheckResult[];
  failingChecks: FailingCheck[];
  pendingChecks: PendingCheck[];
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
 * Runs OpsReady's check engine on a rendered repository as the backend
 * will run it on the registered service right after registration: the
 * same fact builders (repository files, manifests, catalog), the live facts
 * of a service that never ran from the sources the portal reads, the same
 * checks, pending rule and score and level maths.
 */
export async function evaluateWorkspace(options: {
  root: string;
  entity: Entity;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  settings: ScoringConfig;
  sources: LiveDataSources;
  /** The declarative checks in force, as `ConfiguredDeclarativeChecks` gives them. */
  declarativeChecks: ReadonlyArray<CheckDefinition>;
  now?: Date;
}): Promise<WorkspaceEvaluation> {
  const { root, entity, catalog, credentials, settings, sources } = options;
  const catalogPart = await catalogFacts(entity, catalog, credentials);
  const checks = checksInScope(settings, options.declarativeChecks);
  const { score, level, results } = await evaluateNewService({
    root,
    entity,
    catalog: catalogPart,
    checks,
    settings,
    sources,
    now: options.now ?? new Date(),
  });
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
  const pendingChecks = results
    .filter(r => r.status === 'pending')
    .map(r => ({
      checkId: r.checkId,
      title: byId.get(r.checkId)!.title,
      message: r.message,
      pendingUntil: r.pendingUntil!,
    }));
  return { score, level, results, failingChecks, pendingChecks };
}
