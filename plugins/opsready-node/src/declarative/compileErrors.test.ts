import { compileError } from './testing';

const KEY = 'opsready.checks.declarative[2].condition';

describe('compiling a declarative condition', () => {
  it('names the full key of an invalid regular expression', () => {
    expect(
      compileError({ file: { path: 'Dockerfile', matches: '^USER (' } }),
    ).toMatch(
      new RegExp(
        `^${escape(`${KEY}.file.matches`)} is not a valid regular expression: `,
      ),
    );
    expect(
      compileError({
        all: [
          { file: { path: 'a' } },
          { entity: { path: 'spec.x', matches: '[' } },
        ],
      }),
    ).toMatch(
      new RegExp(`^${escape(`${KEY}.all[1].entity.matches`)} is not a valid`),
    );
  });

  it('refuses patterns and paths over the caps, and nested quantifiers', () => {
    expect(
      compileError({ file: { path: 'a', matches: 'x'.repeat(501) } }),
    ).toBe(`${KEY}.file.matches is longer than 500 characters`);
    expect(
      compileError({ entity: { path: 'spec.name', matches: '^(a+)+$' } }),
    ).toMatch(
      `${KEY}.entity.matches has a quantified group holding a quantifier`,
    );
    expect(compileError({ entity: { path: `${'a.'.repeat(200)}b` } })).toBe(
      `${KEY}.entity.path is longer than 300 characters`,
    );
    const deep = Array.from({ length: 10 }).reduce<unknown>(
      inner => ({ not: inner }),
      { file: { path: 'a' } },
    );
    expect(compileError(deep)).toMatch(/may nest at most 8 deep/);
    const wide = {
      any: Array.from({ length: 60 }, () => ({ file: { path: 'a' } })),
    };
    expect(compileError(wide)).toMatch(/at most 50 conditions/);
  });

  it('names malformed paths, unknown kinds and conflicting operators', () => {
    expect(compileError({ entity: { path: 'spec.[x' } })).toMatch(
      `${KEY}.entity.path is not a valid path`,
    );
    expect(compileError({ files: { path: 'a' } })).toBe(
      `${KEY} must have exactly one of entity, annotation, file, kubernetes, health, delivery, all, any, not, got files`,
    );
    expect(
      compileError({ entity: { path: 'spec.x', equals: 'a', matches: 'b' } }),
    ).toBe(
      `${KEY}.entity may have only one of exists, equals and matches, got equals, matches`,
    );
    expect(compileError({ all: [] })).toBe(
      `${KEY}.all must be a non-empty list of conditions`,
    );
    expect(compileError({ health: { metric: 'uptime' } })).toBe(
      `${KEY}.health needs atLeast and/or atMost`,
    );
    expect(compileError({ delivery: {} })).toMatch(
      `${KEY}.delivery must have exactly one of`,
    );
    expect(
      compileError({ kubernetes: { path: 'spec', workloads: 'most' } }),
    ).toBe(`${KEY}.kubernetes.workloads must be every or any, got most`);
    expect(compileError({ file: { path: 'a{b' } })).toBe(
      `${KEY}.file.path has an unclosed { in the glob a{b`,
    );
  });
});

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
