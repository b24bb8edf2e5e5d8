import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { opsreadyPlugin } from './plugin';
import {
  base,
  checkoutservice,
  payments,
  scheduler,
  startWith,
} from './__testUtils__/pluginBackend';

const runbook = {
  id: 'acme.runbook',
  title: 'Runbook linked',
  description: 'The on-call engineer finds the runbook from the catalog.',
  category: 'catalog',
  severity: 'high',
  weight: 3,
  remediation: 'Add the `acme.com/runbook` annotation with the runbook URL.',
  appliesTo: { kinds: ['Component'] },
  condition: {
    annotation: { name: 'acme.com/runbook', matches: '^https://' },
  },
};

const withConfig = (declarative: unknown[]) =>
  mockServices.rootConfig.factory({
    data: { opsready: { checks: { declarative } } } as any,
  });

// Each test starts a backend with its database: slower than Jest's default
// allows on a loaded machine.
jest.setTimeout(60_000);

describe('declarative checks in the backend', () => {
  it('evaluates a check from config beside the built-in ones, with its evidence', async () => {
    const linked: Entity = {
      ...checkoutservice,
      metadata: {
        ...checkoutservice.metadata,
        annotations: { 'acme.com/runbook': 'https://wiki.acme.com/checkout' },
      },
    };
    const server = await startWith([linked, payments], withConfig([runbook]));
    const res = await request(server).get(`${base}/checks`).expect(200);
    const check = res.body.checks.find((c: any) => c.id === 'acme.runbook');
    expect(check).toMatchObject({
      title: 'Runbook linked',
      category: 'catalog',
      severity: 'high',
      weight: 3,
      result: {
        checkId: 'acme.runbook',
        status: 'pass',
        message: 'Met: annotation acme.com/runbook matches /^https:\\/\\//.',
        evidence: {
          observed: [
            expect.objectContaining({
              annotation: 'acme.com/runbook',
              found: 'https://wiki.acme.com/checkout',
            }),
          ],
        },
      },
    });
    // The built-in checks still run.
    expect(res.body.checks.some((c: any) => c.id === 'catalog.owner')).toBe(
      true,
    );
  });

  it('fails where the condition does not hold, and the overrides apply to it', async () => {
    const server = await startWith(
      [checkoutservice, payments],
      mockServices.rootConfig.factory({
        data: {
          opsready: {
            checks: {
              declarative: [runbook],
              overrides: { 'acme.runbook': { weight: 5 } },
            },
          },
        } as any,
      }),
    );
    const res = await request(server).get(`${base}/checks`).expect(200);
    const check = res.body.checks.find((c: any) => c.id === 'acme.runbook');
    expect(check.weight).toBe(5);
    expect(check.result.status).toBe('fail');
  });

  it('stops start-up naming the key of a mistake or a taken id', async () => {
    await expect(
      startTestBackend({
        features: [
          opsreadyPlugin,
          scheduler,
          catalogServiceMock.factory(),
          withConfig([
            {
              ...runbook,
              condition: { file: { path: 'Dockerfile', matches: '^USER (' } },
            },
          ]),
        ],
      }),
    ).rejects.toThrow(
      'opsready.checks.declarative[0].condition.file.matches is not a valid regular expression',
    );
    await expect(
      startTestBackend({
        features: [
          opsreadyPlugin,
          scheduler,
          catalogServiceMock.factory(),
          withConfig([{ ...runbook, id: 'catalog.owner' }]),
        ],
      }),
    ).rejects.toThrow(
      "opsready.checks.declarative[0].id 'catalog.owner' is already the id of a built-in or module check",
    );
  });
});
