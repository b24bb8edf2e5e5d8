/*
 * A gzipped tar built in memory, laid out as GitHub's tarball endpoint lays
 * it out: a pax global header with the commit, then every file under one
 * top-level folder `{owner}-{repo}-{sha7}/`. Written here because the
 * installed tar libraries either write only from disk (tar) or come without
 * types (tar-stream); the reader's own parser (tar) is what checks it, in
 * the sweep itself.
 */
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function header(
  name: string,
  size: number,
  type: '0' | '5' | 'g',
  mtime: number,
): Buffer {
  if (Buffer.byteLength(name) > 100) {
    throw new Error(`tar entry name over 100 bytes: ${name}`);
  }
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(type === '5' ? 0o775 : 0o664, 8), 100, 8, 'ascii');
  block.write(octal(0, 8), 108, 8, 'ascii');
  block.write(octal(0, 8), 116, 8, 'ascii');
  block.write(octal(size, 12), 124, 12, 'ascii');
  block.write(octal(mtime, 12), 136, 12, 'ascii');
  block.fill(' ', 148, 156);
  block.write(type, 156, 1, 'ascii');
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return block;
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** A pax record: "<length> key=value\n", the length counting itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length += 1;
  return `${length}${body}`;
}

export function gzippedTarball(options: {
  topFolder: string;
  sha: string;
  files: Record<string, string>;
  mtime: number;
}): Buffer {
  const { topFolder, sha, files, mtime } = options;
  const parts: Buffer[] = [];
  const pax = Buffer.from(paxRecord('comment', sha));
  parts.push(
    header('pax_global_header', pax.length, 'g', mtime),
    pax,
    padding(pax.length),
  );
  parts.push(header(`${topFolder}/`, 0, '5', mtime));
  const directories = new Set<string>();
  for (const path of Object.keys(files).sort()) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      if (!directories.has(dir)) {
        directories.add(dir);
        parts.push(header(`${topFolder}/${dir}/`, 0, '5', mtime));
      }
    }
    const content = Buffer.from(files[path]);
    parts.push(
      header(`${topFolder}/${path}`, content.length, '0', mtime),
      content,
      padding(content.length),
    );
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts), { level: 6 });
}
