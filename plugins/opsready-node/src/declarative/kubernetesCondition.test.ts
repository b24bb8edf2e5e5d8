import { KubernetesObject } from '../checks/types';
import { judge } from './testing';

function deployment(
  name: string,
  containers: any[],
  kind = 'Deployment',
): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name },
    spec: {
      template: { metadata: { labels: { app: name } }, spec: { containers } },
    },
  };
}

const limited = {
  name: 'app',
  resources: { limits: { cpu: '1', memory: '1Gi' } },
};
const unlimited = { name: 'sidecar' };
const LIMITS = 'spec.template.spec.containers[*].resources.limits';

describe('kubernetes conditions', () => {
  it('is unknown without Kubernetes facts or without workloads', () => {
    expect(judge({ kubernetes: { path: LIMITS } }).status).toBe('unknown');
    const noWorkloads = judge(
      { kubernetes: { path: LIMITS } },
      {
        kubernetes: {
          declared: [
            { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } },
          ],
        },
      },
    );
    expect(noWorkloads.status).toBe('unknown');
    expect(noWorkloads.message).toMatch(/No workload was found/);
  });

  it('passes when every container of every workload, declared and live, has the path', () => {
    const outcome = judge(
      { kubernetes: { path: LIMITS } },
      {
        kubernetes: {
          declared: [deployment('cart', [limited])],
          live: [deployment('cart', [limited, limited])],
        },
      },
    );
    expect(outcome.status).toBe('pass');
    expect((outcome.evidence as any).observed[0]).toMatchObject({
      workloadsChecked: 2,
    });
  });

  it('fails naming the workloads where one container lacks it', () => {
    const outcome = judge(
      { kubernetes: { path: LIMITS } },
      {
        kubernetes: {
          declared: [
            deployment('cart', [limited]),
            deployment('worker', [limited, unlimited]),
          ],
        },
      },
    );
    expect(outcome.status).toBe('fail');
    expect((outcome.evidence as any).observed[0].without).toEqual([
      {
        side: 'declared',
        workload: 'Deployment/worker',
        found: { cpu: '1', memory: '1Gi' },
        missingInSome: true,
      },
    ]);
  });

  it('with workloads: any, passes on the first workload that has it', () => {
    const facts = {
      kubernetes: {
        declared: [deployment('a', [unlimited]), deployment('b', [limited])],
      },
    };
    const any = judge(
      { kubernetes: { path: LIMITS, workloads: 'any' } },
      facts,
    );
    expect(any.status).toBe('pass');
    expect((any.evidence as any).observed[0].workload).toBe(
      'declared Deployment/b',
    );
    expect(judge({ kubernetes: { path: LIMITS } }, facts).status).toBe('fail');
  });

  it('counts only the kinds named, and tests values', () => {
    const facts = {
      kubernetes: {
        declared: [
          {
            ...deployment('a', [limited]),
            spec: {
              replicas: 3,
              template: { spec: { containers: [limited] } },
            },
          },
          deployment('b', [unlimited], 'DaemonSet'),
        ],
      },
    };
    expect(
      judge(
        {
          kubernetes: {
            path: 'spec.replicas',
            kinds: ['Deployment'],
            equals: 3,
          },
        },
        facts,
      ).status,
    ).toBe('pass');
    expect(
      judge({ kubernetes: { path: 'spec.replicas', equals: 3 } }, facts).status,
    ).toBe('fail');
    expect(
      judge(
        { kubernetes: { path: 'spec.replicas', kinds: ['StatefulSet'] } },
        facts,
      ).status,
    ).toBe('unknown');
  });
});
