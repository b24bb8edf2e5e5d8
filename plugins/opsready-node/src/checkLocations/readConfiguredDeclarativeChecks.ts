import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  CheckIdPlaces,
  CompiledCheckSpecs,
} from '../declarative/specs/compileCheckSpecs';
import { readDeclarativeChecks } from '../declarative/specs/readDeclarativeChecks';
import { compileCheckLocation } from './compileCheckLocation';
import { readCheckLocation } from './readCheckLocation';
import { readCheckLocationTargets } from './readCheckLocationTargets';

/**
 * The declarative checks configured now: those of
 * `opsready.checks.declarative`, then those of each check location
 * (`opsready.checks.locations`), read afresh through the URL reader, each
 * read within a timeout. For a consumer that needs the current checks and
 * keeps no copies of its own; the backend keeps copies and re-reads them.
 *
 * Throws `CheckLocationUnreachableError` when a location cannot be read:
 * the caller decides, but going on without its checks could promise a
 * higher score than the backend gives. A bad check, or an id in `taken` or
 * given twice, throws naming its key as the backend does.
 *
 * @public
 */
export async function readConfiguredDeclarativeChecks(
  root: Config,
  urlReader: UrlReaderService,
  options: {
    /** The ids of the checks in code, and where each is. */
    taken: CheckIdPlaces;
    /** How long one location's read may take, in milliseconds. */
    timeoutMs?: number;
  },
): Promise<CompiledCheckSpecs> {
  const fromConfig = readDeclarativeChecks(root, options.taken);
  const targets = readCheckLocationTargets(root);
  // Read at once, compiled in the configured order: a clash of ids names
  // the later location, as in the backend.
  const texts = await Promise.all(
    targets.map(target => readLocationText(urlReader, target, options)),
  );
  const checks = [...fromConfig.checks];
  const places = new Map(fromConfig.places);
  targets.forEach((target, i) => {
    const compiled = compileCheckLocation(
      texts[i],
      target,
      new Map([...options.taken, ...places]),
    );
    checks.push(...compiled.checks);
    compiled.places.forEach((place, id) => places.set(id, place));
  });
  return { checks, places };
}

async function readLocationText(
  urlReader: UrlReaderService,
  target: string,
  options: { timeoutMs?: number },
): Promise<string> {
  // No etag is sent, so an answer of 'unchanged' is the reader's mistake.
  const read = await readCheckLocation(urlReader, target, {
    timeoutMs: options.timeoutMs,
  });
  if (read.status !== 'read') {
    throw new Error(
      `Check location ${target} answered 'not modified' to a read without an etag`,
    );
  }
  return read.text;
}
