import type { EvaluationListener } from '../campaigns/types';
import { EntitySource, RepositoriesStore } from '../database/RepositoriesStore';
import { repositorySourceOf } from '../facts/RepositoryFactProvider';
import { repositoryLocationOf } from './repositoryLocation';

/**
 * Told of every batch of evaluations: records where each component lives
 * (so a changed or pushed repository knows whose checks to run again) and
 * the catalog etag it was evaluated at (so the catalog poll evaluates only
 * what changed since).
 */
export function recordEntitySources(
  store: Pick<RepositoriesStore, 'saveEntitySources'>,
): EvaluationListener {
  return async batch => {
    const sources: EntitySource[] = batch.map(({ entity, evaluation }) => {
      const source = repositorySourceOf(entity);
      const repository =
        source?.type === 'url' ? repositoryLocationOf(source.url) : undefined;
      return {
        entityRef: evaluation.entityRef,
        entityEtag: entity.metadata.etag,
        ...(repository ? { repository } : {}),
      };
    });
    await store.saveEntitySources(sources);
  };
}
