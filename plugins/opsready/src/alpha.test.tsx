import { Entity } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { opsreadyApiRef } from './api/OpsReadyApi';
import { campaign } from './__testUtils__/campaignData';
import { emptyApi } from './__testUtils__/testData';
import { screen } from '@testing-library/react';
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
  it('declares the API, four cards, three tabs and the OpsReady page', () => {
    expect(plugin.id).toBe('opsready');
    for (const id of [
      'api:opsready',
      'entity-card:opsready/overview',
      'entity-card:opsready/slo',
      'entity-card:opsready/campaign-items',
      'entity-card:opsready/rollup',
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

  it('shows the campaign items card on groups only', async () => {
    const tester = createExtensionTester(
      extension('entity-card:opsready/campaign-items'),
    );
    const { EntityCardBlueprint } = await import(
      '@backstage/plugin-catalog-react/alpha'
    );
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction) as
      | ((entity: Entity) => boolean)
      | undefined;
    expect(filter?.(group)).toBe(true);
    expect(filter?.(component)).toBe(false);
  });

  it('shows the service level card on components only', async () => {
    const tester = createExtensionTester(extension('entity-card:opsready/slo'));
    const { EntityCardBlueprint } = await import(
      '@backstage/plugin-catalog-react/alpha'
    );
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction) as
      | ((entity: Entity) => boolean)
      | undefined;
    expect(filter?.(component)).toBe(true);
    expect(filter?.(group)).toBe(false);
  });

  it('shows the roll-up card on groups, systems and domains only', async () => {
    const tester = createExtensionTester(
      extension('entity-card:opsready/rollup'),
    );
    const { EntityCardBlueprint } = await import(
      '@backstage/plugin-catalog-react/alpha'
    );
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction) as
      | ((entity: Entity) => boolean)
      | undefined;
    const ofKind = (kind: string): Entity => ({ ...group, kind });
    expect(filter?.(group)).toBe(true);
    expect(filter?.(ofKind('System'))).toBe(true);
    expect(filter?.(ofKind('Domain'))).toBe(true);
    expect(filter?.(component)).toBe(false);
  });

  it('mounts the OpsReady page with its campaigns tab in an app', async () => {
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/opsready/campaigns'],
      // The catalog, whose entity pages the owners link to.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [
          opsreadyApiRef,
          emptyApi({
            getCampaigns: jest.fn().mockResolvedValue({ items: [campaign()] }),
          }),
        ],
        mockApis.permission(),
        mockApis.identity(),
      ],
    });
    expect(
      await screen.findByRole(
        'link',
        { name: 'Probes everywhere' },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute('href', '/opsready/campaigns/c1');
  });
});
