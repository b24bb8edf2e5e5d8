import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import {
  CheckDefinition,
  CheckIdPlaces,
  compileCheckLocation,
  CompiledCheckSpecs,
  CheckLocationUnreachableError,
  readCheckLocation,
} from '@opsready/plugin-opsready-node';
import {
  CheckLocationsStore,
  KeptCheckLocation,
} from '../database/CheckLocationsStore';

/** What one location gives now: the text its checks were compiled from. */
interface LocationState extends CompiledCheckSpecs {
  text: string;
  etag?: string;
}

/** What one re-read of every location did. */
export interface CheckLocationsRefreshReport {
  /** Locations whose new, valid text replaced their checks. */
  changed: string[];
  /** Locations whose new text was refused: their previous checks stay. */
  refused: string[];
  /** Locations that could not be read: their previous checks stay. */
  unreachable: string[];
}

/**
 * The declarative checks of the check locations (YAML files in
 * repositories): read and validated at start-up, re-read later, and the
 * last good text of each kept in the database. A location that cannot be
 * reached keeps its checks, from memory or from the kept copy; a location
 * whose new text is bad keeps its old checks. Never does a location lose
 * its checks silently: that would raise scores.
 */
export class CheckLocations {
  readonly #states = new Map<string, LocationState>();
  readonly #listeners: Array<() => void> = [];

  constructor(
    private readonly deps: {
      targets: ReadonlyArray<string>;
      /** The ids of the checks in code and in app-config, and where each is. */
      taken: CheckIdPlaces;
      urlReader: UrlReaderService;
      store: CheckLocationsStore;
      logger: LoggerService;
      timeoutMs?: number;
    },
  ) {}

  /** The checks of every location, in the order the locations are configured. */
  checks(): CheckDefinition[] {
    return this.deps.targets.flatMap(
      target => this.#states.get(target)?.checks ?? [],
    );
  }

  /** Calls `listener` each time a location's checks are replaced. */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /**
   * Reads and validates every location, for start-up: a bad file throws
   * naming the location, the key and the reason; so does a location that
   * cannot be reached and of which no copy is kept. One that cannot be
   * reached but was kept starts with the kept copy, and a warning.
   */
  async load(): Promise<void> {
    const kept = await this.#kept();
    for (const target of this.deps.targets) {
      const copy = kept.get(target);
      let read;
      try {
        read = await readCheckLocation(this.deps.urlReader, target, {
          etag: copy?.etag,
          timeoutMs: this.deps.timeoutMs,
        });
      } catch (error) {
        if (!(error instanceof CheckLocationUnreachableError)) {
          throw error;
        }
        if (!copy) {
          throw new Error(
            `${error.message}. No earlier copy of it is kept, and starting without its checks would raise scores: make it readable, or remove it from opsready.checks.locations`,
          );
        }
        this.deps.logger.warn(
          `${error.message}; OpsReady uses the copy read at ${copy.readAt} until it can`,
        );
        this.#set(target, copy.text, copy.etag);
        continue;
      }
      if (read.status === 'read') {
        this.#set(target, read.text, read.etag);
        await this.#keep(target, read.text, read.etag);
      } else if (copy) {
        this.#set(target, copy.text, copy.etag);
      } else {
        // Only a kept copy's etag is sent: a reader answering unchanged
        // without one is wrong, and the location's checks are unknown.
        throw new Error(
          `Check location ${target} answered 'not modified' to a read without an etag`,
        );
      }
    }
    this.deps.logger.info(
      `OpsReady read ${this.checks().length} declarative checks from ${
        this.deps.targets.length
      } check locations`,
    );
  }

  /**
   * Reads every location again, conditionally on the etag of its last
   * read. A changed valid file replaces its location's checks and is kept;
   * a changed bad file, or a location that cannot be reached, leaves the
   * checks as they were, with a warning naming the location and why.
   */
  async refresh(): Promise<CheckLocationsRefreshReport> {
    const report: CheckLocationsRefreshReport = {
      changed: [],
      refused: [],
      unreachable: [],
    };
    for (const target of this.deps.targets) {
      const current = this.#states.get(target);
      let read;
      try {
        read = await readCheckLocation(this.deps.urlReader, target, {
          etag: current?.etag,
          timeoutMs: this.deps.timeoutMs,
        });
      } catch (error) {
        const unreachable = error instanceof CheckLocationUnreachableError;
        (unreachable ? report.unreachable : report.refused).push(target);
        this.deps.logger.warn(
          `${(error as Error).message}; its checks stay as they were`,
        );
        continue;
      }
      if (read.status === 'unchanged') {
        continue;
      }
      if (current && read.text === current.text) {
        // Same text, new etag (another replica's read, a moved branch).
        current.etag = read.etag;
        await this.#keep(target, read.text, read.etag);
        continue;
      }
      try {
        this.#set(target, read.text, read.etag);
      } catch (error) {
        report.refused.push(target);
        this.deps.logger.warn(
          `OpsReady refused the new text of check location ${target}; its previous checks stay: ${
            (error as Error).message
          }`,
        );
        continue;
      }
      await this.#keep(target, read.text, read.etag);
      report.changed.push(target);
    }
    if (report.changed.length > 0) {
      this.deps.logger.info(
        `OpsReady replaced the checks of check locations ${report.changed.join(
          ', ',
        )}; ${this.checks().length} checks from locations are now in force`,
      );
      this.#changed();
    }
    return report;
  }

  /**
   * Takes up the texts another replica read and kept, so that every
   * replica evaluates with the same checks soon after one re-reads them.
   */
  async adoptKept(): Promise<void> {
    let changed = false;
    for (const copy of (await this.#kept()).values()) {
      if (copy.text === this.#states.get(copy.target)?.text) {
        continue;
      }
      try {
        this.#set(copy.target, copy.text, copy.etag);
        changed = true;
      } catch (error) {
        this.deps.logger.warn(
          `OpsReady could not take up the kept copy of check location ${
            copy.target
          }; its previous checks stay: ${(error as Error).message}`,
        );
      }
    }
    if (changed) {
      this.#changed();
    }
  }

  /** Compiles the text as the location's checks and puts them in force; throws when it is bad. */
  #set(target: string, text: string, etag: string | undefined) {
    const taken = new Map(this.deps.taken);
    for (const [other, state] of this.#states) {
      if (other !== target) {
        state.places.forEach((place, id) => taken.set(id, place));
      }
    }
    const compiled = compileCheckLocation(text, target, taken);
    this.#states.set(target, { ...compiled, text, etag });
  }

  async #kept(): Promise<Map<string, KeptCheckLocation>> {
    const kept = await this.deps.store.getMany([...this.deps.targets]);
    return new Map(kept.map(copy => [copy.target, copy]));
  }

  #keep(target: string, text: string, etag: string | undefined) {
    return this.deps.store.keep({
      target,
      text,
      ...(etag ? { etag } : {}),
      readAt: new Date().toISOString(),
    });
  }

  #changed() {
    for (const listener of this.#listeners) {
      listener();
    }
  }
}
