import {
  BackstageCredentials,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  readLiveDataSources,
  readScoringConfig,
} from '@opsready/plugin-opsready-node';
import { existsSync } from 'node:fs';
import { ConfiguredDeclarativeChecks } from '../compliance/configuredDeclarativeChecks';
import { evaluateWorkspace } from '../compliance/evaluateWorkspace';
import { readComponentEntity } from '../compliance/workspaceEntity';
import { resolveInputPath } from '../lib/workspacePaths';

/**
 * Runs the check engine on a repository in the workspace, with the
 * Component its catalog-info.yaml declares (so that a fix to that file
 * counts), or `fallback` (the catalog's entity) when it has none.
 */
export async function evaluateRepository(options: {
  root: string;
  catalogInfoPath: string;
  fallback?: Entity;
  catalog: CatalogService;
  config: RootConfigService;
  credentials: BackstageCredentials;
  declarativeChecks: ConfiguredDeclarativeChecks;
}) {
  const { root, catalogInfoPath, fallback, catalog, config, credentials } =
    options;
  const path = await resolveInputPath(root, catalogInfoPath, 'catalogInfoPath');
  const entity =
    fallback && !existsSync(path)
      ? fallback
      : await readComponentEntity(path, catalogInfoPath);
  const settings = readScoringConfig(config);
  const evaluation = await evaluateWorkspace({
    root,
    entity,
    catalog,
    credentials,
    settings,
    sources: readLiveDataSources(config),
    declarativeChecks: await options.declarativeChecks.current(),
  });
  return { ...evaluation, entity, settings };
}
