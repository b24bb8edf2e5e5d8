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
  if (at >= 0 && /^sha256:[0-9a-f]{64}$/.test(image.slice(at + 1))) {
    return 'digest';
  }
  const tag = imageTag(image);
  if (tag === undefined || tag === '' || tag.toLowerCase() === 'latest') {
    return 'unpinned';
  }
  return /\d/.test(tag) ? 'version' : 'floating';
}

/**
 * The tag of an image reference, if it has one. The tag follows the last
 * `:` of the last path segment, before any digest, so that a registry port
 * (`registry:5000/app`) is not taken for a tag.
 */
export function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  const reference = at >= 0 ? image.slice(0, at) : image;
  const lastSegment = reference.slice(reference.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon < 0 ? undefined : lastSegment.slice(colon + 1);
}
