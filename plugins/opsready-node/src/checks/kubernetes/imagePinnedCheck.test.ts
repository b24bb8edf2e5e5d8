import { imagePinning } from './imageReferences';
import { imagePinnedCheck } from './imagePinnedCheck';
import { container, deployment, evaluate } from './testFacts';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

const withImage = (image: unknown, name = 'server') =>
  deployment('cart', { containers: [container({ name, image })] });

describe('imagePinning', () => {
  it.each([
    ['registry.example.com/cart:1.4.2', 'version'],
    ['cart:v0.10.6', 'version'],
    ['redis:7.4-alpine', 'version'],
    [`cart@${DIGEST}`, 'digest'],
    [`busybox:1.38.0@${DIGEST}`, 'digest'],
    [`registry:5000/cart@${DIGEST}`, 'digest'],
    ['redis:alpine', 'floating'],
    ['nginx:stable', 'floating'],
    ['cart', 'unpinned'],
    ['cart:latest', 'unpinned'],
    ['cart:LATEST', 'unpinned'],
    ['cart:', 'unpinned'],
    ['registry:5000/cart', 'unpinned'],
    ['registry:5000/team/cart:latest', 'unpinned'],
    ['cart@sha256:abc', 'unpinned'],
    ['registry:5000/cart:2.0.1', 'version'],
  ])('%s is %s', (image, pinning) => {
    expect(imagePinning(image)).toBe(pinning);
  });
});

describe('kubernetes.image-pinned', () => {
  it('passes when every image names a version or a digest', () => {
    expect(
      evaluate(imagePinnedCheck, {
        declared: [
          deployment('cart', {
            initContainers: [
              container({ name: 'migrate', image: `migrate@${DIGEST}` }),
            ],
          }),
        ],
      }),
    ).toEqual({
      status: 'pass',
      message: 'Every image is pinned to a version or a digest.',
      evidence: { checked: 2, sides: ['declared'] },
    });
  });

  it('fails an image on latest', () => {
    expect(
      evaluate(imagePinnedCheck, { declared: [withImage('cart:latest')] }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Deployment/cart container server in the manifests uses cart:latest, which moves with every push.',
      evidence: {
        offences: [
          {
            side: 'declared',
            object: 'Deployment/cart',
            container: 'server',
            problem: 'uses cart:latest, which moves with every push',
          },
        ],
      },
    });
  });

  it('fails an image without a tag, not mistaking a registry port for one', () => {
    expect(
      evaluate(imagePinnedCheck, {
        live: [withImage('registry.example.com:5000/cart')],
      }).message,
    ).toBe(
      'Deployment/cart container server in the cluster uses registry.example.com:5000/cart, with no tag, which means latest.',
    );
  });

  it('holds init containers too: their images run as well', () => {
    expect(
      evaluate(imagePinnedCheck, {
        declared: [
          deployment('cart', {
            initContainers: [container({ name: 'wait', image: 'busybox' })],
          }),
        ],
      }).message,
    ).toBe(
      'Deployment/cart init container wait in the manifests uses busybox, with no tag, which means latest.',
    );
  });

  it('fails a container that names no image', () => {
    expect(
      evaluate(imagePinnedCheck, { declared: [withImage(undefined)] }).message,
    ).toBe('Deployment/cart container server in the manifests names no image.');
  });

  it('warns, without failing, about a tag that moves with each release', () => {
    expect(
      evaluate(imagePinnedCheck, {
        declared: [withImage('redis:alpine', 'redis')],
      }),
    ).toEqual({
      status: 'warn',
      message:
        'Every image has a tag, but Deployment/cart container redis in the manifests uses redis:alpine, a tag that moves with each release.',
      evidence: {
        checked: 1,
        sides: ['declared'],
        floating: [
          {
            side: 'declared',
            object: 'Deployment/cart',
            container: 'redis',
            problem: 'uses redis:alpine, a tag that moves with each release',
          },
        ],
      },
    });
  });

  it('fails on an unpinned image and keeps floating tags in the evidence', () => {
    const outcome = evaluate(imagePinnedCheck, {
      declared: [
        deployment('cart', {
          containers: [
            container({ image: 'cart' }),
            container({ name: 'cache', image: 'redis:alpine' }),
          ],
        }),
      ],
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe(
      'Deployment/cart container server in the manifests uses cart, with no tag, which means latest.',
    );
    expect(outcome.evidence?.floating).toEqual([
      expect.objectContaining({ container: 'cache' }),
    ]);
  });
});
