import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import {
  FactProvider,
  factsFromRepository,
  GatherOptions,
  readRepositoryDirectory,
  ServiceFacts,
} from '@opsready/plugin-opsready-node';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapWithConcurrency } from '../lib/concurrency';
import type { RepositorySources } from '../sources/RepositorySources';

/** Where an entity's repository can be read from. */
export type RepositorySource =
  | { type: 'url'; url: string }
  | { type: 'dir'; path: string };

/**
 * The entity's source location: a URL for the UrlReader, or a directory on
 * disk for entities of the local catalog (`dir:` relative to the `file:`
 * location that holds the entity, and never outside that location's
 * directory).
 */
export function repositorySourceOf(
  entity: Entity,
): RepositorySource | undefined {
  const annotation = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  if (!annotation) {
    return undefined;
  }
  const source = parseLocationRef(annotation);
  if (source.type === 'url') {
    return { type: 'url', url: source.target };
  }
  if (source.type !== 'dir') {
    return undefined;
  }
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!location) {
    return undefined;
  }
  const managedBy = parseLocationRef(location);
  if (managedBy.type !== 'file') {
    return undefined;
  }
  const locationFile = managedBy.target.startsWith('file:')
    ? fileURLToPath(managedBy.target)
    : managedBy.target;
  const base = dirname(locationFile);
  const path = resolve(base, source.target);
  const inside = relative(base, path);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    return undefined;
  }
  return { type: 'dir', path };
}

/**
 * Repository files: for a URL source, its directory of the repository's
 * facts (read once for every entity in the repository, conditionally, and
 * kept; see RepositorySources); for the local catalog's `dir:` locations,
 * read from disk at each evaluation, which costs no host anything.
 */
export class RepositoryFactProvider implements FactProvider {
  readonly id = 'repository';

  constructor(
    private readonly options: {
      sources: Pick<RepositorySources, 'factsFor'>;
      logger: LoggerService;
      /** Local directories read at once. */
      concurrency?: number;
    },
  ) {}

  async gather(
    entities: Entity[],
    options: GatherOptions = {},
  ): Promise<Map<string, Partial<ServiceFacts>>> {
    const facts = new Map<string, Partial<ServiceFacts>>();
    const byUrl: Array<{ entityRef: string; url: string }> = [];
    const inDirectories: Array<{ entityRef: string; path: string }> = [];
    for (const entity of entities) {
      const source = repositorySourceOf(entity);
      const entityRef = normalizeEntityRef(entity);
      if (source?.type === 'url') {
        byUrl.push({ entityRef, url: source.url });
      } else if (source?.type === 'dir') {
        inDirectories.push({ entityRef, path: source.path });
      }
    }
    const fromRepositories = await this.options.sources.factsFor(
      byUrl,
      options,
    );
    for (const [entityRef, repository] of fromRepositories) {
      facts.set(entityRef, factsFromRepository(repository));
    }
    await mapWithConcurrency(
      inDirectories,
      this.options.concurrency ?? 4,
      async ({ entityRef, path }) => {
        try {
          facts.set(
            entityRef,
            factsFromRepository(await readRepositoryDirectory(path)),
          );
        } catch (error) {
          // The checks that need the repository answer `unknown` for this
          // entity; the reason is here for whoever wonders why.
          this.options.logger.warn(
            `Could not read the repository of ${entityRef} at ${path}: ${error}`,
          );
        }
      },
    );
    return facts;
  }
}
