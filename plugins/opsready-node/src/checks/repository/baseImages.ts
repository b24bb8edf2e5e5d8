/**
 * How a FROM image is pinned:
 * - `scratch`: the empty image, nothing to pin;
 * - `digest`: by content digest, the strongest pin;
 * - `version`: a tag with a version number (`node:22.11-slim`);
 * - `floating`: a tag without one (`alpine`, `lts`), which moves;
 * - `unpinned`: `latest`, or no tag at all.
 */
export type Pinning =
  | 'scratch'
  | 'digest'
  | 'version'
  | 'floating'
  | 'unpinned';

const DIGEST = /@[a-z0-9]+:[0-9a-f]{32,}$/i;
const DIGIT = /\d/;

export function imagePinning(image: string): Pinning {
  // Only seven characters can fold to "scratch", and a digest needs an "@":
  // asked first, they spare folding and matching every image.
  if (image.length === 7 && image.toLowerCase() === 'scratch') {
    return 'scratch';
  }
  if (image.includes('@') && DIGEST.test(image)) {
    return 'digest';
  }
  // The tag follows the last ':' after the last '/', so that a registry port
  // (registry.example.com:5000/cart) is not taken for a tag.
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon < 0 ? '' : lastSegment.slice(colon + 1);
  if (tag === '' || tag === 'latest') {
    return 'unpinned';
  }
  return DIGIT.test(tag) ? 'version' : 'floating';
}

/**
 * An image reference with its build arguments replaced by their defaults,
 * or undefined when one has no default (it can only come from the build).
 */
export function withArgDefaults(
  image: string,
  defaults: Record<string, string | undefined>,
): string | undefined {
  let unresolved = false;
  const resolved = image.replace(
    /\$\{([A-Za-z_]\w*)(:[-+][^}]*)?\}|\$([A-Za-z_]\w*)/g,
    (_, braced: string, modifier: string | undefined, bare: string) => {
      const value = defaults[braced ?? bare];
      // ${NAME:-word} is word when NAME has no value; ${NAME:+word} is word
      // when it has one, else empty.
      if (modifier?.startsWith(':+')) {
        return value !== undefined ? modifier.slice(2) : '';
      }
      if (value !== undefined) {
        return value;
      }
      if (modifier?.startsWith(':-')) {
        return modifier.slice(2);
      }
      unresolved = true;
      return '';
    },
  );
  return unresolved ? undefined : resolved;
}
