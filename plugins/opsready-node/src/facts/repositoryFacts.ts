import { parseKubernetesManifests } from '../checks/kubernetes/manifests';
import { RepositoryFacts, ServiceFacts } from '../checks/types';

// Where manifests live by convention. Rendered Helm output counts; Helm
// templates are read too, and documents that do not parse (`{{ … }}`) are
// skipped by the parser.
const MANIFEST_PATH =
  /^(k8s|kubernetes|manifests|deploy|deployment|deployments|kustomize|monitoring|alerts|chart|charts\/[^/]+|helm\/[^/]+)\/.+\.ya?ml$/;

/**
 * Whether the check engine reads a repository file as Kubernetes manifests
 * (by path only; what it holds is not looked at).
 *
 * @public
 */
export function isManifestPath(path: string): boolean {
  return MANIFEST_PATH.test(path);
}

/**
 * The facts a repository gives: its files, and the Kubernetes objects its
 * manifests declare (absent when it has no manifests, so that the
 * Kubernetes checks answer `unknown` rather than pass on nothing).
 *
 * @public
 */
export function factsFromRepository(
  repository: RepositoryFacts,
): Partial<ServiceFacts> {
  const manifests = Object.entries(repository.files).filter(([path]) =>
    isManifestPath(path),
  );
  if (manifests.length === 0) {
    return { repository };
  }
  return {
    repository,
    kubernetes: {
      declared: manifests.flatMap(([, text]) => parseKubernetesManifests(text)),
    },
  };
}
