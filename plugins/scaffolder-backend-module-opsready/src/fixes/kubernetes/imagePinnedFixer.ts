import { isScalar } from 'yaml';
import { imagePinning } from '@opsready/plugin-opsready-node';
import { CheckFixer } from '../types';
import { replaceScalar } from '../yamlEdit';
import {
  describeContainer,
  listing,
  PlacedContainer,
  PlacedWorkload,
  readManifests,
  writeEdited,
} from './manifests';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * Pins every image that names no version (or a tag that moves, such as
 * `alpine`) to the digest the clusters run for it, `image@sha256:…`. An
 * image no cluster reports a digest for is refused by name: a digest is
 * never looked up elsewhere or made up.
 */
export const imagePinnedFixer: CheckFixer = {
  checkId: 'kubernetes.image-pinned',
  summary:
    'Pins unpinned and floating images to the digests the clusters run for them.',
  apply(files, context) {
    const manifests = readManifests(files);
    const toPin: Array<{
      workload: PlacedWorkload;
      container: PlacedContainer;
      image: string;
      digest?: string;
    }> = [];
    for (const workload of manifests.workloads) {
      for (const container of workload.containers) {
        const image = container.value.image;
        if (typeof image !== 'string' || image.trim() === '') {
          continue;
        }
        const pinning = imagePinning(image);
        if (pinning === 'unpinned' || pinning === 'floating') {
          const digest = context.runningDigests[image];
          toPin.push({
            workload,
            container,
            image,
            digest: digest && DIGEST.test(digest) ? digest : undefined,
          });
        }
      }
    }
    const unknown = [
      ...new Set(toPin.filter(p => !p.digest).map(p => p.image)),
    ];
    if (unknown.length > 0) {
      return {
        changes: [],
        refused: `No cluster reports the digest of ${listing(unknown)}, so ${
          unknown.length === 1 ? 'it is' : 'they are'
        } not pinned: deploy ${
          unknown.length === 1 ? 'it' : 'them'
        } once, or pin ${
          unknown.length === 1 ? 'it' : 'them'
        } to a release by hand.`,
      };
    }
    const changes: string[] = [];
    for (const { workload, container, image, digest } of toPin) {
      const node = container.node.get('image', true);
      if (!isScalar(node)) {
        continue;
      }
      replaceScalar(workload.file, node, `${image}@${digest}`);
      changes.push(
        `Pinned the image ${image} of ${describeContainer(
          workload,
          container,
        )} to the digest the cluster runs, ${digest}.`,
      );
    }
    writeEdited(files, manifests.files);
    return { changes };
  },
};
