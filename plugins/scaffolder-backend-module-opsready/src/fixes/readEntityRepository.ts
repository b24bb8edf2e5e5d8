import {
  RootConfigService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localRepositoriesDirectory } from '../actions/publishLocal';
import { resolveInputPath } from '../lib/workspacePaths';

const DEFAULT_TIMEOUT_MS = 60_000;
/** A repository bigger than this is not something a fix reads whole. */
const MAX_FILES = 10_000;
/** Larger files are copied, not given to fixers: no manifest is this big. */
const MAX_TEXT_BYTES = 1_000_000;
const SKIPPED = new Set(['.git', 'node_modules']);
const SYMLINK_MODE = '120000';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Where an entity's repository is. */
export type EntityRepositorySource =
  | {
      type: 'dir';
      /** The local repository's name under the repositories directory. */
      localRepository: string;
      path: string;
    }
  | { type: 'url'; url: string };

/**
 * Where the entity's source location points: a `url:`, or a `dir:`
 * relative to the `file` location it came from (the local catalog's), as
 * the backend's repository fact provider reads it. A `dir:` is only read
 * when it is a repository of the local repositories directory, which is
 * what `opsready:publish:local` can put a branch in.
 */
export function entityRepositorySource(
  entity: Entity,
  config: RootConfigService,
): EntityRepositorySource {
  const ref = stringifyEntityRef(entity);
  const annotation = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  if (!annotation) {
    throw new InputError(
      `${ref} has no ${ANNOTATION_SOURCE_LOCATION} annotation, so its repository is unknown`,
    );
  }
  const source = parseLocationRef(annotation);
  if (source.type === 'url') {
    return { type: 'url', url: source.target };
  }
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  const managedBy = location ? parseLocationRef(location) : undefined;
  if (source.type !== 'dir' || managedBy?.type !== 'file') {
    throw new InputError(
      `${ref}'s source location ${annotation} is neither a url: nor a dir: of a file location`,
    );
  }
  const locationFile = managedBy.target.startsWith('file:')
    ? fileURLToPath(managedBy.target)
    : managedBy.target;
  const path = resolve(dirname(locationFile), source.target);
  const base = localRepositoriesDirectory(config);
  const inside = relative(base, path);
  if (
    inside === '' ||
    inside.startsWith('..') ||
    isAbsolute(inside) ||
    inside.includes(sep)
  ) {
    throw new InputError(
      `${ref}'s source location ${path} is not a repository of the local repositories directory (${base}); only those, or url: sources, can be fixed`,
    );
  }
  return { type: 'dir', localRepository: inside, path };
}

function asText(content: Uint8Array): string | undefined {
  if (content.byteLength > MAX_TEXT_BYTES || content.includes(0)) {
    return undefined;
  }
  try {
    return utf8.decode(content);
  } catch {
    return undefined;
  }
}

/**
 * The committed files of a local repository's checked-out branch, read
 * from git, not from its working tree: uncommitted edits, ignored files and
 * what symbolic links point at never reach the fix.
 */
async function readLocalRepository(
  path: string,
): Promise<Map<string, Uint8Array>> {
  if (!fs.existsSync(path) || fs.lstatSync(path).isSymbolicLink()) {
    throw new InputError(
      `The local repository ${path} does not exist or is a symbolic link`,
    );
  }
  let head: string;
  try {
    head = await git.resolveRef({ fs, dir: path, ref: 'HEAD' });
  } catch {
    throw new InputError(`${path} is not a git repository with a commit`);
  }
  const files = new Map<string, Uint8Array>();
  async function walk(tree: string, prefix: string): Promise<void> {
    const { tree: entries } = await git.readTree({ fs, dir: path, oid: tree });
    for (const entry of entries) {
      const filePath = `${prefix}${entry.path}`;
      if (entry.type === 'tree') {
        await walk(entry.oid, `${filePath}/`);
      } else if (entry.type === 'blob' && entry.mode !== SYMLINK_MODE) {
        if (files.size >= MAX_FILES) {
          throw new InputError(`${path} holds more than ${MAX_FILES} files`);
        }
        const { blob } = await git.readBlob({ fs, dir: path, oid: entry.oid });
        files.set(filePath, blob);
      }
    }
  }
  const { commit } = await git.readCommit({ fs, dir: path, oid: head });
  await walk(commit.tree, '');
  return files;
}

async function readUrlRepository(
  url: string,
  urlReader: UrlReaderService,
  timeoutMs: number,
): Promise<Map<string, Uint8Array>> {
  const tree = await urlReader.readTree(url, {
    filter: path => !path.split('/').some(part => SKIPPED.has(part)),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const files = new Map<string, Uint8Array>();
  for (const file of await tree.files()) {
    if (files.size >= MAX_FILES) {
      throw new InputError(`${url} holds more than ${MAX_FILES} files`);
    }
    files.set(file.path, await file.content());
  }
  return files;
}

/**
 * Reads the entity's repository into `target` (in the workspace) and
 * returns its text files for the fixers. Paths are checked as they are
 * written: none leaves `target`, none goes through a link.
 */
export async function readEntityRepository(options: {
  source: EntityRepositorySource;
  target: string;
  urlReader: UrlReaderService;
  timeoutMs?: number;
}): Promise<Record<string, string>> {
  const { source, target, urlReader } = options;
  const contents =
    source.type === 'dir'
      ? await readLocalRepository(source.path)
      : await readUrlRepository(
          source.url,
          urlReader,
          options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        );
  const texts: Record<string, string> = {};
  for (const [path, content] of contents) {
    const destination = await resolveInputPath(
      target,
      path,
      'a repository file',
    );
    await fs.promises.mkdir(dirname(destination), { recursive: true });
    await fs.promises.writeFile(destination, content);
    const text = asText(content);
    if (text !== undefined) {
      texts[path] = text;
    }
  }
  return texts;
}
