import { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import plugin from './alpha';

const extension = (id: string) => {
  const found = plugin.getExtension(id as any);
  if (!found) throw new Error(`no extension ${id}`);
  return found;
};

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cartservice' },
  spec: {},
};
const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments' },
  spec: {},
};

describe('the new frontend system plugin', () => {
  it('declares the API, card, three tabs and the fleet page', () => {
    expect(plugin.id).toBe('opsready');
    for (const id of [
      'api:opsready',
      'entity-card:opsready/overview',
      'entity-content:opsready/compliance',
      'entity-content:opsready/deployments',
      'entity-content:opsready/errors',
      'page:opsready',
    ]) {
      expect(extension(id)).toBeDefined();
    }
  });

  it.each([
    'entity-content:opsready/compliance',
    'entity-content:opsready/deployments',
    'entity-content:opsready/errors',
  ])('%s shows on components only', async id => {
    const tester = createExtensionTester(extension(id));
    const { EntityContentBlueprint } = await import(
      '@backstage/plugin-catalog-react/alpha'
    );
    const filter = tester.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    ) as ((entity: Entity) => boolean) | undefined;
    expect(filter?.(component)).toBe(true);
    expect(filter?.(group)).toBe(false);
  });
});
