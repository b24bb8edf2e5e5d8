import { ConfigReader } from '@backstage/config';
import { readPlatformGroups } from './platformGroups';

const read = (platformGroups: string[]) =>
  readPlatformGroups(
    new ConfigReader({ opsready: { permissions: { platformGroups } } }),
  );

describe('readPlatformGroups', () => {
  it('reads full references and bare group names, in lower case', () => {
    expect(
      read(['group:default/platform', 'SRE', 'group:ops/On-Call']),
    ).toEqual([
      'group:default/platform',
      'group:default/sre',
      'group:ops/on-call',
    ]);
  });

  it('names no group when none is configured', () => {
    expect(readPlatformGroups(new ConfigReader({}))).toEqual([]);
  });

  it('refuses a reference that is not a group, naming it', () => {
    expect(() => read(['group:default/platform', 'user:default/ada'])).toThrow(
      "Invalid opsready.permissions.platformGroups[1]: 'user:default/ada' is a user, not a group",
    );
    expect(() => read(['group:'])).toThrow(
      "Invalid opsready.permissions.platformGroups[0]: 'group:' is not an entity reference, e.g. group:default/platform",
    );
  });
});
