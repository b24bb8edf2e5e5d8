import {
  RootConfigService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  builtInChecks,
  CheckDefinition,
  placesOfCodeChecks,
  readCheckLocationTargets,
  readConfiguredDeclarativeChecks,
  readDeclarativeChecks,
} from '@opsready/plugin-opsready-node';

/** How long the checks read from the locations serve runs before a re-read. */
const MAX_AGE_MS = 60_000;

/**
 * The declarative checks the backend runs (`opsready.checks.declarative`
 * and the files of `opsready.checks.locations`), so that a template
 * promises the level the portal will give.
 *
 * App-config checks are validated at once, so that a bad one stops the
 * start naming its key, as in the backend. The locations are read lazily,
 * when a run verifies, and kept for a minute: they are files in
 * repositories that change while the portal runs (the backend re-reads
 * them on a schedule), so checks read once at start would drift from the
 * backend's; and a location that is down at start would stop the whole
 * scaffolder, not only the runs that verify. A run that cannot read a
 * location fails rather than verify with fewer checks, which could promise
 * a higher level than the backend gives.
 */
export class ConfiguredDeclarativeChecks {
  readonly #config: RootConfigService;
  readonly #urlReader: UrlReaderService;
  readonly #maxAgeMs: number;
  #read?: { checks: CheckDefinition[]; at: number };
  #reading?: Promise<CheckDefinition[]>;

  private constructor(
    config: RootConfigService,
    urlReader: UrlReaderService,
    maxAgeMs: number,
  ) {
    this.#config = config;
    this.#urlReader = urlReader;
    this.#maxAgeMs = maxAgeMs;
  }

  /** Throws naming the key when app-config holds a bad check or location. */
  static create(options: {
    config: RootConfigService;
    urlReader: UrlReaderService;
    maxAgeMs?: number;
  }): ConfiguredDeclarativeChecks {
    const { config, urlReader } = options;
    const fromConfig = readDeclarativeChecks(config, codeCheckPlaces());
    const checks = new ConfiguredDeclarativeChecks(
      config,
      urlReader,
      options.maxAgeMs ?? MAX_AGE_MS,
    );
    if (readCheckLocationTargets(config).length === 0) {
      // Nothing to re-read: app-config does not change while running.
      checks.#read = { checks: fromConfig.checks, at: Infinity };
    }
    return checks;
  }

  /** The declarative checks in force now; throws when a location cannot be read. */
  async current(): Promise<CheckDefinition[]> {
    if (this.#read && Date.now() - this.#read.at < this.#maxAgeMs) {
      return this.#read.checks;
    }
    // Runs verifying at once share one read of the locations.
    this.#reading ??= this.#readAll().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  async #readAll(): Promise<CheckDefinition[]> {
    let checks: CheckDefinition[];
    try {
      ({ checks } = await readConfiguredDeclarativeChecks(
        this.#config,
        this.#urlReader,
        { taken: codeCheckPlaces() },
      ));
    } catch (error) {
      throw new Error(
        `OpsReady cannot verify with the checks the portal runs: ${(
          error as Error
        ).message.replace(
          /\.$/,
          '',
        )}. Verifying without them could promise a higher level than the portal gives; try again once the location is fixed or can be read.`,
      );
    }
    this.#read = { checks, at: Date.now() };
    return checks;
  }
}

// Module checks added to the backend are unknown here; the backend refuses
// a declarative check that takes one of their ids.
function codeCheckPlaces() {
  return placesOfCodeChecks(builtInChecks);
}
