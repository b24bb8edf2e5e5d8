import { durationToMilliseconds } from '@backstage/types';
import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
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
  isRepositoryFileOfInterest,
  isSkippedDirectory,
  readRepositoryDirectory,
  repositoryReadLimits,
  RepositoryFacts,
  ServiceFacts,
} from '@opsready/plugin-opsready-node';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapWithConcurrency } from '../lib/concurrency';

const DEFAULT_TIMEOUT_MS = durationToMilliseconds({ seconds: 30 });

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
 * Repository files, read through Backstage's UrlReader from the entity's
 * source location, or from disk for the local catalog's `dir:` locations.
 */
export class RepositoryFactProvider implements FactProvider {
  readonly id = 'repository';

  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      logger: LoggerService;
      /** How long one repository read may take. */
      timeoutMs?: number;
      /** Repositories read at once. */
      concurrency?: number;
    },
  ) {}

  async gather(
    entities: Entity[],
  ): Promise<Map<string, Partial<ServiceFacts>>> {
    const facts = new Map<string, Partial<ServiceFacts>>();
    await mapWithConcurrency(
      entities,
      this.options.concurrency ?? 4,
      async entity => {
        const source = repositorySourceOf(entity);
        if (!source) {
          return;
        }
        try {
          facts.set(
            normalizeEntityRef(entity),
            factsFromRepository(await this.read(source)),
          );
        } catch (error) {
          // The checks that need the repository answer `unknown` for this
          // entity; the reason is here for whoever wonders why.
          this.options.logger.warn(
            `Could not read the repository of ${normalizeEntityRef(
              entity,
            )} at ${
              source.type === 'url' ? source.url : source.path
            }: ${error}`,
          );
        }
      },
    );
    return facts;
  }

  private async read(source: RepositorySource): Promise<RepositoryFacts> {
    if (source.type === 'dir') {
      return readRepositoryDirectory(source.path);
    }
    const tree = await this.options.urlReader.readTree(source.url, {
      filter: path => !path.split('/').some(isSkippedDirectory),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    const paths: string[] = [];
    const files: Record<string, string> = {};
    for (const file of await tree.files()) {
      if (paths.length >= repositoryReadLimits.maxPaths) {
        break;
      }
      paths.push(file.path);
      if (
        isRepositoryFileOfInterest(file.path) &&
        Object.keys(files).length < repositoryReadLimits.maxFiles
      ) {
        const content = await file.content();
        if (content.length <= repositoryReadLimits.maxFileBytes) {
          files[file.path] = content.toString('utf8');
        }
      }
    }
    return { paths, files };
  }
}
