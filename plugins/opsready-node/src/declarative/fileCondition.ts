import { RepositoryFacts } from '../checks/types';
import {
  CompiledCondition,
  Judgement,
  observed,
  unknownBecause,
} from './compiled';
import { compileGlob, isGlob } from './glob';
import { parsedFile } from './parsedFiles';
import { parsePath, resolvePath } from './paths';
import { compilePattern } from './patterns';
import { DeclarativeFileCondition } from './types';
import { compileValueTest, foundValues } from './valueTest';

const SHOWN_PATHS = 10;

const NO_REPOSITORY =
  'The repository was not read (no source location, or it could not be fetched).';

/**
 * `file: { path, matches?, yaml? }`: some file at the path or glob exists,
 * and, if asked, its text matches or its parsed content holds a value.
 * When no file decides it and some were listed but not read, the answer is
 * `unknown`, not `fail`.
 */
export function compileFileCondition(
  spec: DeclarativeFileCondition,
  key: string,
): CompiledCondition {
  if (spec.matches !== undefined && spec.yaml !== undefined) {
    throw new Error(`${key} may have matches or yaml, not both`);
  }
  const pathsAt = pathFinder(spec.path, `${key}.path`);
  const what = spec.path;

  if (spec.matches !== undefined) {
    // Multi-line: ^ and $ match at line breaks, as a file is read by lines.
    const pattern = compilePattern(spec.matches, `${key}.matches`, 'm');
    const describe = `file ${what} matches ${pattern}`;
    return fileJudge(describe, pathsAt, (_facts, _path, text) =>
      pattern.test(text) ? { ok: true } : undefined,
    );
  }
  if (spec.yaml !== undefined) {
    const yamlKey = `${key}.yaml`;
    const steps = parsePath(spec.yaml.path, `${yamlKey}.path`);
    const test = compileValueTest(spec.yaml, yamlKey);
    const describe = `file ${what} has ${spec.yaml.path} that ${test.describe}`;
    return fileJudge(describe, pathsAt, (facts, path, text) => {
      const parsed = parsedFile(facts, path, text);
      if ('error' in parsed) {
        return { ok: false, details: { unparsable: parsed.error } };
      }
      for (const document of parsed.documents) {
        const found = resolvePath(document, steps);
        if (test.holds(found)) {
          return { ok: true, details: { found: foundValues(found) } };
        }
      }
      return undefined;
    });
  }
  const describe = `file ${what} exists`;
  return {
    describe,
    judge: facts => {
      if (!facts.repository) return unknownBecause(describe, NO_REPOSITORY);
      const paths = pathsAt(facts.repository);
      return observed(describe, paths.length > 0 ? 'pass' : 'fail', {
        files: paths.slice(0, SHOWN_PATHS),
      });
    },
  };
}

/** The listed paths the exact path or glob names. */
function pathFinder(path: string, key: string) {
  if (!isGlob(path)) {
    compileGlob(path, key); // for its checks of emptiness and length
    return (repository: RepositoryFacts) =>
      repository.paths.includes(path) ? [path] : [];
  }
  const glob = compileGlob(path, key);
  return (repository: RepositoryFacts) => {
    const found: string[] = [];
    for (const listed of repository.paths) {
      if (glob.test(listed)) found.push(listed);
    }
    return found;
  };
}

/** Whether one file satisfies the condition, and what it showed. */
type FileVerdict = { ok: boolean; details?: Record<string, unknown> };

/**
 * Judges the files at the path one by one: the first that satisfies `test`
 * passes the condition. Files listed but not read make a miss `unknown`.
 */
function fileJudge(
  describe: string,
  pathsAt: (repository: RepositoryFacts) => string[],
  test: (
    facts: Parameters<CompiledCondition['judge']>[0],
    path: string,
    text: string,
  ) => FileVerdict | undefined,
): CompiledCondition {
  return {
    describe,
    judge: (facts): Judgement => {
      const repository = facts.repository;
      if (!repository) return unknownBecause(describe, NO_REPOSITORY);
      const paths = pathsAt(repository);
      if (paths.length === 0) {
        return observed(describe, 'fail', { files: [] });
      }
      const notRead: string[] = [];
      let problem: Record<string, unknown> | undefined;
      for (const path of paths) {
        const text = repository.files[path];
        if (text === undefined) {
          notRead.push(path);
          continue;
        }
        const verdict = test(facts, path, text);
        if (verdict?.ok) {
          return observed(describe, 'pass', { file: path, ...verdict.details });
        }
        if (verdict && !problem) problem = { file: path, ...verdict.details };
      }
      if (notRead.length > 0) {
        return observed(describe, 'unknown', {
          reason: `${notRead[0]} was listed but not read`,
          files: paths.slice(0, SHOWN_PATHS),
        });
      }
      return observed(describe, 'fail', {
        files: paths.slice(0, SHOWN_PATHS),
        ...problem,
      });
    },
  };
}
