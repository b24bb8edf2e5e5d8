import { repositoryChecks } from '.';

describe('the repository checks', () => {
  it('lists every repository check once, for components', () => {
    expect(repositoryChecks.map(check => check.id)).toEqual([
      'repository.dockerfile',
      'repository.ci',
      'repository.readme',
      'repository.codeowners',
    ]);
    for (const check of repositoryChecks) {
      expect(check.category).toBe('repository');
      expect(check.appliesTo).toEqual({ kinds: ['Component'] });
      expect(check.weight).toBeGreaterThan(0);
    }
  });
});
