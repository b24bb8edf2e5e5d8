import {
  CheckIdPlaces,
  compileCheckSpecs,
  CompiledCheckSpecs,
} from '../declarative/specs/compileCheckSpecs';
import { parseCheckLocationFile } from './parseCheckLocationFile';

/**
 * Parses and validates the text of a check location's file and compiles its
 * checks, naming keys `<url>: checks[2].…` in messages. Throws when the file
 * is bad, or gives a check an id in `taken`.
 *
 * @public
 */
export function compileCheckLocation(
  text: string,
  target: string,
  taken: CheckIdPlaces,
): CompiledCheckSpecs {
  return compileCheckSpecs(parseCheckLocationFile(text, target), {
    key: `${target}: checks`,
    taken,
  });
}
