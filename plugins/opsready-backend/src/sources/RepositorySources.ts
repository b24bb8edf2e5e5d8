import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { RepositoryFacts } from '@opsready/plugin-opsready-node';
import pLimit from 'p-limit';
import {
  RepositoriesStore,
  StoredRepository,
} from '../database/RepositoriesStore';
import { repositoryLocationOf, RepositoryLocation } from './repositoryLocation';
import { readRepositoryTree } from './readRepositoryTree';
import { RequestBudgets } from './RequestBudgets';
import { sliceRepositoryFacts } from './sliceRepositoryFacts';

/** What asking a set of repositories whether they changed came to. */
export interface RefreshOutcome {
  /** Read anew: their components need evaluating again. */
  changed: string[];
  /** The host said nothing changed. */
  unchanged: string[];
  /** Not asked: the host's request budget would not allow it in time. */
  deferred: string[];
  /** Asked, and the read failed; the facts of the last read stay. */
  failed: string[];
}

/** A repository to refresh: where it is, and the etag of its last read. */
export type RepositoryToRefresh = Omit<RepositoryLocation, 'subpath'> & {
  etag?: string;
};

/**
 * Requests a read may cost the host: asking for the ref's commit, and the
 * archive when it changed; one more for the default branch when the URL
 * names no ref. What an unchanged repository did not cost is given back.
 */
const costOf = (repository: RepositoryToRefresh) => (repository.ref ? 2 : 3);

/**
 * Repository facts for the checks: each repository read once for all the
 * components that live in it, conditionally on the etag of its last read,
 * within its host's request budget, and kept in the database.
 */
export class RepositorySources {
  /** Reads in flight, so that a push and a sweep never read one twice. */
  private readonly inFlight = new Map<string, Promise<keyof RefreshOutcome>>();

  constructor(
    private readonly deps: {
      urlReader: UrlReaderService;
      store: RepositoriesStore;
      budgets: RequestBudgets;
      logger: LoggerService;
      /** How long one repository read may take. */
      timeoutMs: number;
      /** Repositories read at once. */
      concurrency: number;
    },
  ) {}

  /**
   * Asks each repository whether it changed and keeps what it read;
   * `waitUntil` (epoch ms) is how long a read may wait for its host's
   * budget before it is deferred.
   */
  async refresh(
    repositories: RepositoryToRefresh[],
    options: { waitUntil: number; signal?: AbortSignal },
  ): Promise<RefreshOutcome> {
    const outcome: RefreshOutcome = {
      changed: [],
      unchanged: [],
      deferred: [],
      failed: [],
    };
    const limit = pLimit(this.deps.concurrency);
    await Promise.all(
      repositories.map(repository =>
        limit(async () => {
          outcome[await this.refreshOne(repository, options)].push(
            repository.url,
          );
        }),
      ),
    );
    return outcome;
  }

  private refreshOne(
    repository: RepositoryToRefresh,
    options: { waitUntil: number; signal?: AbortSignal },
  ): Promise<keyof RefreshOutcome> {
    const running = this.inFlight.get(repository.url);
    if (running) {
      return running;
    }
    const read = this.readOne(repository, options).finally(() =>
      this.inFlight.delete(repository.url),
    );
    this.inFlight.set(repository.url, read);
    return read;
  }

  private async readOne(
    repository: RepositoryToRefresh,
    options: { waitUntil: number; signal?: AbortSignal },
  ): Promise<keyof RefreshOutcome> {
    const { store, budgets, urlReader, logger } = this.deps;
    const location = { ...repository, subpath: '' };
    const cost = costOf(repository);
    if (
      !(await budgets.take(
        repository.host,
        cost,
        options.waitUntil,
        options.signal,
      ))
    ) {
      const budget = budgets.budgetOf(repository.host);
      await store.saveKept(
        location,
        `not read again: the request budget of ${repository.host} (${budget?.requestsPerHour} an hour) was spent`,
      );
      return 'deferred';
    }
    try {
      const read = await readRepositoryTree(urlReader, repository.url, {
        etag: repository.etag,
        signal: AbortSignal.timeout(this.deps.timeoutMs),
      });
      if (read.status === 'unchanged') {
        await budgets.giveBack(repository.host, 1);
        await store.saveUnchanged(repository.url, new Date());
        return 'unchanged';
      }
      await store.saveRead(location, read, new Date());
      return 'changed';
    } catch (error) {
      logger.warn(`Could not read the repository ${repository.url}: ${error}`);
      await store.saveKept(location, `the last read failed: ${error}`);
      return 'failed';
    }
  }

  /**
   * The repository facts of a batch of components, each given with the URL
   * its sources are read from: each one's directory of its repository's
   * kept facts. A repository never read is read now, if its host's budget
   * allows it at once; `fresh` first asks every repository whether it
   * changed (someone asked for the checks to run now).
   */
  async factsFor(
    batch: Array<{ entityRef: string; url: string }>,
    options: { fresh?: boolean } = {},
  ): Promise<Map<string, RepositoryFacts>> {
    const located = batch.flatMap(({ entityRef, url }) => {
      const repository = repositoryLocationOf(url);
      return repository ? [{ entityRef, repository }] : [];
    });
    const locations = new Map(
      located.map(({ repository }) => [repository.url, repository]),
    );
    const urls = [...locations.keys()];
    let kept = await this.deps.store.getRepositories(urls);
    const toRead = [...locations.values()].flatMap(
      ({ subpath: _subpath, ...location }) => {
        const known = kept.get(location.url);
        if (known?.facts && !options.fresh) return [];
        return [{ ...location, etag: known?.facts ? known.etag : undefined }];
      },
    );
    if (toRead.length > 0) {
      await this.refresh(toRead, { waitUntil: Date.now() });
      kept = await this.deps.store.getRepositories(urls);
    }
    const facts = new Map<string, RepositoryFacts>();
    for (const { entityRef, repository } of located) {
      const stored = kept.get(repository.url);
      if (stored?.facts) {
        facts.set(entityRef, factsOfEntity(stored, repository.subpath));
      }
    }
    return facts;
  }
}

function factsOfEntity(
  repository: StoredRepository,
  subpath: string,
): RepositoryFacts {
  const facts = sliceRepositoryFacts(repository.facts!, subpath);
  return repository.keptBecause && repository.readAt
    ? {
        ...facts,
        keptFrom: { readAt: repository.readAt, reason: repository.keptBecause },
      }
    : facts;
}
