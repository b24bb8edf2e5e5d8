/*
 * Writes the table of built-in checks into README.md, between the
 * `checks-table` markers, from the checks' own definitions, so that the
 * documentation never drifts from the code. Run with `yarn docs:checks`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtInChecks } from '@opsready/plugin-opsready-node';

const readme = resolve(__dirname, '..', 'README.md');
const START = '<!-- checks-table:start -->';
const END = '<!-- checks-table:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function appliesTo(check: (typeof builtInChecks)[number]): string {
  const scope = check.appliesTo ?? {};
  const parts = [
    scope.kinds?.join(', '),
    scope.types && `type ${scope.types.join(', ')}`,
    scope.lifecycles && `lifecycle ${scope.lifecycles.join(', ')}`,
    scope.tags && `tag ${scope.tags.join(', ')}`,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'every entity';
}

const rows = builtInChecks.map(check =>
  [
    `\`${check.id}\``,
    check.title,
    check.category,
    check.severity,
    String(check.weight),
    appliesTo(check),
    check.description,
  ]
    .map(cell)
    .join(' | '),
);

const table = [
  '| id | title | category | severity | weight | applies to | what it asks |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(row => `| ${row} |`),
].join('\n');

const text = readFileSync(readme, 'utf8');
const start = text.indexOf(START);
const end = text.indexOf(END);
if (start < 0 || end < start) {
  throw new Error(`README.md has no ${START} … ${END} markers`);
}
writeFileSync(
  readme,
  `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`,
);
console.log(`Wrote ${builtInChecks.length} checks into README.md`);
