/** An image reference split the way a Helm chart's values hold it. */
export interface ImageParts {
  repository: string;
  tag?: string;
  digest?: string;
}

/**
 * Splits `registry:5000/team/app:1.2.3@sha256:…` into repository, tag and
 * digest. The tag follows the last `:` of the last path segment, so that a
 * registry port is not taken for a tag.
 */
export function splitImage(image: string): ImageParts {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const reference = at >= 0 ? image.slice(0, at) : image;
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon > slash) {
    return {
      repository: reference.slice(0, colon),
      tag: reference.slice(colon + 1),
      ...(digest ? { digest } : {}),
    };
  }
  return { repository: reference, ...(digest ? { digest } : {}) };
}
