// Made once: images are looked at for every container of every service.
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
const DIGIT = /\d/;

/**
 * How an image reference is pinned:
 * - `digest`: `…@sha256:<64 hex>`, the exact image, whatever its tag says;
 * - `version`: a tag with a digit in it (`1.4.2`, `v0.10.6`, `3-alpine`);
 * - `floating`: a tag naming a moving line rather than a release
 *   (`alpine`, `stable`, `lts`): pinned by the letter, yet it moves;
 * - `unpinned`: the tag `latest`, or no tag at all, which means `latest`.
 *
 * @public
 */
export function imagePinning(
  image: string,
): 'digest' | 'version' | 'floating' | 'unpinned' {
  const at = image.indexOf('@');
  if (at >= 0 && SHA256_DIGEST.test(image.slice(at + 1))) {
    return 'digest';
  }
  const tag = imageTag(image);
  if (tag === undefined || tag === '' || tag.toLowerCase() === 'latest') {
    return 'unpinned';
  }
  return DIGIT.test(tag) ? 'version' : 'floating';
}

/**
 * The tag of an image reference, if it has one. The tag follows the last
 * `:` of the last path segment, before any digest, so that a registry port
 * (`registry:5000/app`) is not taken for a tag.
 */
export function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  // Positions in the image rather than slices of it: only the tag is cut.
  const end = at >= 0 ? at : image.length;
  if (end === 0) {
    return undefined;
  }
  const lastSegment = image.lastIndexOf('/', end - 1) + 1;
  const colon = image.lastIndexOf(':', end - 1);
  return colon < lastSegment ? undefined : image.slice(colon + 1, end);
}
