import { CheckRegistry } from './CheckRegistry';
import {
  descriptionCheck,
  ownerCheck,
  systemCheck,
} from './catalog/catalogChecks';

const builtInChecks = [ownerCheck, descriptionCheck, systemCheck];

describe('CheckRegistry', () => {
  it('refuses a second check with a taken id instead of replacing the first', () => {
    const registry = new CheckRegistry(builtInChecks);
    expect(() => registry.add({ ...ownerCheck, title: 'Impostor' })).toThrow(
      "An OpsReady check with id 'catalog.owner' is already registered",
    );
    expect(registry.list().find(c => c.id === 'catalog.owner')?.title).toBe(
      'Owner set',
    );
  });

  it('lists checks in the order they were added, less the disabled ones', () => {
    const registry = new CheckRegistry(builtInChecks);
    registry.add({ ...ownerCheck, id: 'custom.owner-is-a-group' });
    expect(
      registry.list({ disabled: ['catalog.description'] }).map(c => c.id),
    ).toEqual(['catalog.owner', 'catalog.system', 'custom.owner-is-a-group']);
  });
});
