import { FIXABLE_CHECKS } from '@opsready/plugin-opsready-common';
import { builtInChecks } from '@opsready/plugin-opsready-node';
import { FIXERS } from './registry';

describe('the fixers', () => {
  it('fix exactly the checks the UI offers "Fix it" for, each a built-in check', () => {
    expect([...FIXERS.keys()].sort()).toEqual([...FIXABLE_CHECKS].sort());
    const builtIn = new Set(builtInChecks.map(c => c.id));
    expect(FIXABLE_CHECKS.filter(id => !builtIn.has(id))).toEqual([]);
  });
});
