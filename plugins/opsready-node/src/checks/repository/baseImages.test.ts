import { imagePinning, withArgDefaults } from './baseImages';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

describe('imagePinning', () => {
  it.each([
    ['scratch', 'scratch'],
    [`node@${DIGEST}`, 'digest'],
    [`node:22@${DIGEST}`, 'digest'],
    ['node:22.11-slim', 'version'],
    ['registry.example.com:5000/team/cart:1.4.2', 'version'],
    ['node:alpine', 'floating'],
    ['node:lts', 'floating'],
    ['node:latest', 'unpinned'],
    ['node', 'unpinned'],
    ['registry.example.com:5000/team/cart', 'unpinned'],
  ])('%s is %s', (image, pinning) => {
    expect(imagePinning(image)).toBe(pinning);
  });
});

describe('withArgDefaults', () => {
  it('replaces build arguments with their defaults', () => {
    expect(
      withArgDefaults('node:${NODE_VERSION}-slim', { NODE_VERSION: '22.11' }),
    ).toBe('node:22.11-slim');
    expect(withArgDefaults('$BASE', { BASE: 'node' })).toBe('node');
  });

  it('uses ${NAME:-word} fallbacks and ${NAME:+word} alternatives', () => {
    expect(withArgDefaults('node:${TAG:-22.11}', {})).toBe('node:22.11');
    expect(withArgDefaults('node:22${SUFFIX:+-slim}', { SUFFIX: 'x' })).toBe(
      'node:22-slim',
    );
    expect(withArgDefaults('node:22${SUFFIX:+-slim}', {})).toBe('node:22');
  });

  it('gives up on an argument without a default', () => {
    expect(withArgDefaults('node:${TAG}', { TAG: undefined })).toBeUndefined();
    expect(withArgDefaults('${BASE}', {})).toBeUndefined();
  });
});
