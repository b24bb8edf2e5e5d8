/*
 * The catalog side of the benchmark: one Component per simulated service,
 * with the annotations the catalog writes for an entity registered from a
 * GitHub URL, and the owning groups (so that the owner check finds them).
 */
import { Entity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import type { FleetEntry } from './simulator';

export function fleetEntities(fleet: FleetEntry[]): Entity[] {
  const components = fleet.map((service): Entity => {
    const [base] = service.sourceUrl.split(`/${service.repo}/`);
    const folder = service.path ? `${service.path}/` : '';
    const location = `url:${base}/${service.repo}/blob/main/${folder}catalog-info.yaml`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        namespace: 'default',
        name: service.entityName,
        uid: createHash('sha1').update(service.entityName).digest('hex'),
        etag: createHash('sha1')
          .update(`${service.entityName}@1`)
          .digest('base64url'),
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'backstage.io/source-location': `url:${service.sourceUrl}`,
          'github.com/project-slug': service.repo,
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/${service.team}`,
      },
    };
  });
  const teams = [...new Set(fleet.map(s => s.team))].map(
    (team): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { namespace: 'default', name: team },
      spec: { type: 'team', children: [] },
    }),
  );
  return [...components, ...teams];
}
