import { Entity } from '@backstage/catalog-model';
import { evaluateChecks } from './evaluateChecks';
import {
  descriptionCheck,
  ownerCheck,
  systemCheck,
} from './catalog/catalogChecks';
import { CheckDefinition } from './types';

// The engine is tested on three simple checks; the catalog checks have tests
// of their own.
const builtInChecks = [ownerCheck, descriptionCheck, systemCheck];

function component(overrides: Partial<Entity> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkoutservice', description: 'Places orders.' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
      system: 'online-boutique',
    },
    ...overrides,
  };
}

const statusById = (entity: Entity, checks = builtInChecks) =>
  Object.fromEntries(
    evaluateChecks(checks, { entity, catalog: { ownerExists: true } }).map(
      r => [r.checkId, r.status],
    ),
  );

describe('evaluateChecks with the built-in catalog checks', () => {
  it('passes a well-described component', () => {
    expect(statusById(component())).toEqual({
      'catalog.owner': 'pass',
      'catalog.description': 'pass',
      'catalog.system': 'pass',
    });
  });

  it('fails what a bare component lacks, and says what is missing', () => {
    const bare = component({
      metadata: { name: 'productcatalogservice' },
      spec: { type: 'service', lifecycle: 'experimental', owner: '' },
    });
    const results = evaluateChecks(builtInChecks, { entity: bare });
    expect(results).toEqual([
      { checkId: 'catalog.owner', status: 'fail', message: 'No owner is set.' },
      {
        checkId: 'catalog.description',
        status: 'fail',
        message: 'No description is set.',
      },
      {
        checkId: 'catalog.system',
        status: 'fail',
        message: 'Not part of any system.',
      },
    ]);
  });

  it('does not apply component checks to other kinds', () => {
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments' },
      spec: { type: 'team', children: [] },
    };
    expect(new Set(Object.values(statusById(group)))).toEqual(
      new Set(['not-applicable']),
    );
  });

  it('keeps going when a check throws, and reports it as an error', () => {
    const broken: CheckDefinition = {
      ...builtInChecks[0],
      id: 'custom.broken',
      evaluate: () => {
        throw new Error('cannot read property of undefined');
      },
    };
    const results = evaluateChecks([broken, ...builtInChecks], {
      entity: component(),
      catalog: { ownerExists: true },
    });
    expect(results[0]).toEqual({
      checkId: 'custom.broken',
      status: 'error',
      message: 'The check failed to run: cannot read property of undefined',
    });
    expect(results.slice(1).map(r => r.status)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });
});

describe('evaluateChecks on repository facts kept from an earlier read', () => {
  const dockerfileCheck: CheckDefinition = {
    id: 'repo.dockerfile',
    title: 'Dockerfile',
    description: 'Has a Dockerfile.',
    category: 'catalog',
    severity: 'low',
    weight: 1,
    remediation: 'Add one.',
    evaluate: facts =>
      facts.repository?.paths.includes('Dockerfile')
        ? { status: 'pass', message: 'There is a Dockerfile.' }
        : { status: 'fail', message: 'No Dockerfile.' },
  };
  const keptFrom = {
    readAt: '2026-12-06T10:00:00.000Z',
    reason: 'the request budget of github.com was spent',
  };

  it('shows when the facts were read, and why, on the results resting on them only', () => {
    const facts = {
      entity: component(),
      catalog: { ownerExists: true },
      repository: { paths: ['Dockerfile'], files: {}, keptFrom },
    };
    const results = evaluateChecks([dockerfileCheck, ownerCheck], facts);
    const byId = Object.fromEntries(results.map(r => [r.checkId, r]));
    expect(byId['repo.dockerfile']).toMatchObject({
      status: 'pass',
      evidence: {
        repositoryReadAt: '2026-12-06T10:00:00.000Z',
        repositoryKeptBecause: 'the request budget of github.com was spent',
      },
    });
    expect(byId['catalog.owner'].evidence).not.toHaveProperty(
      'repositoryReadAt',
    );
    // The facts are plain data again after the call.
    expect(Object.getOwnPropertyDescriptor(facts, 'repository')).toMatchObject({
      writable: true,
      value: facts.repository,
    });
  });

  it('adds nothing to results of fresh facts', () => {
    const [result] = evaluateChecks([dockerfileCheck], {
      entity: component(),
      repository: { paths: ['Dockerfile'], files: {} },
    });
    expect(result).toEqual({
      checkId: 'repo.dockerfile',
      status: 'pass',
      message: 'There is a Dockerfile.',
    });
  });
});
