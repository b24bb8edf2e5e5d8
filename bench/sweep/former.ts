/*
 * The repository fact provider as it was before repositories were read once
 * per ref (commit 37dd607), kept here so that before.ts measures the former
 * code side by side with the current one on the same simulator: one
 * `readTree` of the entity's source URL per entity, every evaluation, with
 * no etag and nothing kept.
 */
import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';
import {
  FactProvider,
  factsFromRepository,
  isRepositoryFileOfInterest,
  isSkippedDirectory,
  repositoryReadLimits,
  RepositoryFacts,
  ServiceFacts,
} from '@opsready/plugin-opsready-node';
import { repositorySourceOf } from '../../plugins/opsready-backend/src/facts/RepositoryFactProvider';
import { mapWithConcurrency } from '../../plugins/opsready-backend/src/lib/concurrency';

export class FormerRepositoryFactProvider implements FactProvider {
  readonly id = 'repository';

  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      logger: LoggerService;
      timeoutMs?: number;
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
        if (source?.type !== 'url') {
          return;
        }
        try {
          facts.set(
            normalizeEntityRef(entity),
            factsFromRepository(await this.read(source.url)),
          );
        } catch (error) {
          this.options.logger.warn(
            `Could not read the repository of ${normalizeEntityRef(
              entity,
            )} at ${source.url}: ${error}`,
          );
        }
      },
    );
    return facts;
  }

  private async read(url: string): Promise<RepositoryFacts> {
    const tree = await this.options.urlReader.readTree(url, {
      filter: path => !path.split('/').some(isSkippedDirectory),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
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
