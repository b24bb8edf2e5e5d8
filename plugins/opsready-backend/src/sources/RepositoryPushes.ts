import { LoggerService } from '@backstage/backend-plugin-api';
import { RepositoriesStore } from '../database/RepositoriesStore';
import { RepositoryRefresh } from './RepositoryRefresh';

/** A push to a branch, as a GitHub push event tells it. */
export interface RepositoryPush {
  /** The host, with its port if any, e.g. `github.com`. */
  host: string;
  /** `owner/name`. */
  repository: string;
  branch: string;
  /** The repository's default branch: what a source URL naming no ref reads. */
  defaultBranch?: string;
}

/** How long a push's read may wait for its host's budget. */
const PUSH_WAIT_MS = 5_000;

/**
 * Pushes re-read the repositories they touch and evaluate their components
 * again at once, beside the sweep, rather than at its next run.
 */
export class RepositoryPushes {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: {
      store: Pick<RepositoriesStore, 'findRepositories'>;
      refresh: Pick<RepositoryRefresh, 'run'>;
      logger: LoggerService;
    },
  ) {}

  /**
   * Starts the refresh of the repositories the push touched and returns
   * their URLs; none when OpsReady reads no component from that branch.
   */
  async accept(push: RepositoryPush): Promise<string[]> {
    const known = await this.deps.store.findRepositories(
      push.host,
      push.repository,
    );
    const touched = known.filter(
      r =>
        r.ref === push.branch ||
        (r.ref === '' && push.branch === push.defaultBranch),
    );
    if (touched.length === 0) {
      return [];
    }
    const work = this.deps.refresh
      .run(touched, { waitUntil: Date.now() + PUSH_WAIT_MS })
      .then(report => {
        if (report.deferred.length > 0) {
          this.deps.logger.warn(
            `OpsReady could not re-read ${push.repository} after a push: the request budget of ${push.host} is spent; the next sweep will`,
          );
        }
      })
      .catch(error =>
        this.deps.logger.warn(
          `OpsReady could not refresh ${push.repository} after a push: ${error}`,
        ),
      )
      .finally(() => this.running.delete(work));
    this.running.add(work);
    return touched.map(r => r.url);
  }

  /** Resolves once every refresh started so far has ended (shutdown, tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
