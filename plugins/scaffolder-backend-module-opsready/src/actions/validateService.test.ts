import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { paymentsTeam } from '../__testUtils__/testContext';
import { createValidateServiceAction } from './validateService';

const entities: Entity[] = [
  paymentsTeam,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkoutservice', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  },
];

const validInput = {
  name: 'refund-service',
  owner: 'group:default/payments',
  port: 8080,
  tier: 'standard' as const,
  namespace: 'default',
};

function run(input: Partial<typeof validInput>) {
  const action = createValidateServiceAction({
    catalog: catalogServiceMock({ entities }),
  });
  const ctx = createMockActionContext({ input: { ...validInput, ...input } });
  return { ctx, result: action.handler(ctx) };
}

describe('opsready:service:validate', () => {
  it('accepts a free name with an existing owner and outputs the refs', async () => {
    const { ctx, result } = run({ owner: 'payments' });
    await result;
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/refund-service',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'ownerRef',
      'group:default/payments',
    );
  });

  it('refuses a name that is not a DNS-1123 label, saying how to fix it', async () => {
    await expect(run({ name: 'Refund_Service' }).result).rejects.toThrow(
      "'Refund_Service' is not a DNS-1123 label: use lower-case letters, digits and '-'",
    );
    await expect(run({ name: 'a'.repeat(64) }).result).rejects.toThrow(
      'the name is 64 characters long; at most 63 are allowed',
    );
  });

  it('refuses a name the catalog already has', async () => {
    await expect(run({ name: 'checkoutservice' }).result).rejects.toThrow(
      "the name 'checkoutservice' is taken: component:default/checkoutservice already exists",
    );
  });

  it('refuses an owner that does not exist', async () => {
    await expect(run({ owner: 'group:default/nobody' }).result).rejects.toThrow(
      'owner group:default/nobody does not exist in the catalog',
    );
  });

  it('reports every problem at once', async () => {
    const failure = run({
      name: '-bad-',
      port: 80,
      tier: 'gold' as any,
    }).result;
    await expect(failure).rejects.toThrow(
      /DNS-1123.*port 80 is out of range.*tier 'gold' is unknown/,
    );
  });
});
