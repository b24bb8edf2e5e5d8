import { securityContextCheck } from './securityContextCheck';
import { container, deployment, evaluate } from './testFacts';

const restricted = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

const withContext = (securityContext: unknown, podSecurityContext?: any) =>
  deployment('cart', {
    containers: [container({ securityContext })],
    podSecurityContext,
  });

describe('kubernetes.security-context', () => {
  it('passes a container with the restricted settings', () => {
    expect(
      evaluate(securityContextCheck, {
        declared: [withContext(restricted)],
        live: [withContext(restricted)],
      }),
    ).toEqual({
      status: 'pass',
      message:
        'Every container runs with the restricted security context: non-root, no privilege escalation, all capabilities dropped, read-only root filesystem.',
      evidence: { checked: 2, sides: ['declared', 'live'] },
    });
  });

  it('takes runAsNonRoot from the pod when the container does not set it', () => {
    expect(
      evaluate(securityContextCheck, {
        declared: [
          withContext(
            { ...restricted, runAsNonRoot: undefined },
            { runAsNonRoot: true, runAsUser: 1000 },
          ),
        ],
      }).status,
    ).toBe('pass');
  });

  it("lets the container's runAsNonRoot: false override the pod's", () => {
    expect(
      evaluate(securityContextCheck, {
        declared: [
          withContext(
            { ...restricted, runAsNonRoot: false },
            { runAsNonRoot: true },
          ),
        ],
      }).message,
    ).toBe(
      'Deployment/cart container server in the manifests lacks runAsNonRoot: true.',
    );
  });

  it('lists every setting a container without a securityContext lacks', () => {
    expect(
      evaluate(securityContextCheck, { declared: [withContext(undefined)] }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Deployment/cart container server in the manifests lacks runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities.drop: [ALL] and readOnlyRootFilesystem: true.',
      evidence: {
        offences: [
          expect.objectContaining({ side: 'declared', container: 'server' }),
        ],
      },
    });
  });

  it('wants ALL among the dropped capabilities, not just some', () => {
    expect(
      evaluate(securityContextCheck, {
        declared: [
          withContext({ ...restricted, capabilities: { drop: ['NET_RAW'] } }),
        ],
      }).message,
    ).toBe(
      'Deployment/cart container server in the manifests lacks capabilities.drop: [ALL].',
    );
  });

  it('does not take a writable root filesystem or escalation left unset as restricted', () => {
    expect(
      evaluate(securityContextCheck, {
        live: [
          withContext({
            ...restricted,
            readOnlyRootFilesystem: false,
            allowPrivilegeEscalation: undefined,
          }),
        ],
      }).message,
    ).toBe(
      'Deployment/cart container server in the cluster lacks allowPrivilegeEscalation: false and readOnlyRootFilesystem: true.',
    );
  });

  it('calls out a privileged container', () => {
    expect(
      evaluate(securityContextCheck, {
        declared: [withContext({ ...restricted, privileged: true })],
      }).message,
    ).toBe('Deployment/cart container server in the manifests is privileged.');
  });

  it('holds init containers too', () => {
    expect(
      evaluate(securityContextCheck, {
        declared: [
          deployment('cart', {
            initContainers: [
              container({
                name: 'chown',
                securityContext: {
                  ...restricted,
                  readOnlyRootFilesystem: undefined,
                },
              }),
            ],
          }),
        ],
      }).message,
    ).toBe(
      'Deployment/cart init container chown in the manifests lacks readOnlyRootFilesystem: true.',
    );
  });
});
