import { imagePinning, withArgDefaults } from './baseImages';
import { dockerInstructions } from './dockerfileInstructions';
import { dockerBuild, finalUser, parentStage } from './dockerfileStages';

/** What is wrong (problems) or doubtful (doubts) in one Dockerfile. */
export interface DockerfileReview {
  user?: string;
  baseImages: string[];
  /** Each makes the Dockerfile fail the check. */
  problems: string[];
  /** Each makes it a warning, when there is no problem. */
  doubts: string[];
}

// Users that are root: by name, by uid 0, and Windows containers' admin.
const ROOT_USERS = new Set(['root', 'containeradministrator']);

function reviewUser(user: string | undefined): {
  problems: string[];
  doubts: string[];
} {
  if (!user) {
    return {
      problems: [
        'the final stage sets no USER, so it runs as the base image user, root for most images',
      ],
      doubts: [],
    };
  }
  if (user.includes('$')) {
    return {
      problems: [],
      doubts: [
        `the final stage's USER ${user} comes from a build argument, so whether it is root cannot be told`,
      ],
    };
  }
  const name = user.split(':')[0];
  if (ROOT_USERS.has(name.toLowerCase()) || /^0+$/.test(name)) {
    return {
      problems: [`the final stage runs as root (USER ${user})`],
      doubts: [],
    };
  }
  return { problems: [], doubts: [] };
}

function reviewImage(
  image: string,
  argDefaults: Record<string, string | undefined>,
): { problems: string[]; doubts: string[] } {
  if (image.includes('$')) {
    const resolved = withArgDefaults(image, argDefaults);
    // A default that is itself unpinned is what a plain `docker build` uses.
    if (resolved !== undefined && imagePinning(resolved) === 'unpinned') {
      return {
        problems: [
          `base image ${image} defaults to ${resolved}, which is not pinned`,
        ],
        doubts: [],
      };
    }
    return {
      problems: [],
      doubts: [
        `base image ${image} comes from a build argument${
          resolved !== undefined ? ` (default ${resolved})` : ''
        }, so its pinning depends on the build`,
      ],
    };
  }
  switch (imagePinning(image)) {
    case 'unpinned':
      return {
        problems: [
          `base image ${image} is not pinned (${
            image.endsWith(':latest') ? 'latest' : 'no tag'
          })`,
        ],
        doubts: [],
      };
    case 'floating':
      return {
        problems: [],
        doubts: [`base image ${image} is on a floating tag, which moves`],
      };
    default:
      return { problems: [], doubts: [] };
  }
}

/**
 * Reviews a Dockerfile: every external base image must be pinned, and the
 * final stage (the image that is shipped) must run as a non-root user. Only
 * the final stage's user matters: build stages may well need root.
 */
export function reviewDockerfile(text: string): DockerfileReview {
  const { stages, globalArgs } = dockerBuild(dockerInstructions(text));
  if (stages.length === 0) {
    return {
      baseImages: [],
      problems: ['it has no FROM instruction'],
      doubts: [],
    };
  }
  const problems: string[] = [];
  const doubts: string[] = [];
  const baseImages: string[] = [];
  stages.forEach((stage, index) => {
    if (parentStage(stages, index)) {
      return; // Built on an earlier stage, not pulled from a registry.
    }
    baseImages.push(stage.from);
    const review = reviewImage(stage.from, globalArgs);
    problems.push(...review.problems);
    doubts.push(...review.doubts);
  });
  const user = finalUser(stages);
  const userReview = reviewUser(user);
  return {
    ...(user ? { user } : {}),
    baseImages,
    problems: [...userReview.problems, ...problems],
    doubts: [...userReview.doubts, ...doubts],
  };
}
