import { ConfigReader } from '@backstage/config';
import { readPlatformGroups } from './platformGroups';

const read = (platformGroups: string[]) =>
  readPlatformGroups(
    new ConfigReader({ opsready: { permissions: { platformGroups } } }),
  );

describe('readPlatformGroups', () => {
  it('reads the groups as the permission policy does: bare names in the default namespace, lower case', () => {
    expect(read(['Platform', 'group:ops/SRE'])).toEqual([
      'group:default/platform',
      'group:ops/sre',
    ]);
    expect(readPlatformGroups(new ConfigReader({}))).toEqual([]);
  });

  it('refuses a reference that is not a group, naming it', () => {
    expect(() => read(['user:default/ada'])).toThrow(
      "Invalid opsready.permissions.platformGroups[0]: 'user:default/ada' is a user, not a group",
    );
  });
});
