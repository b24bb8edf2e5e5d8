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
const ALL_ZEROS = /^0+$/;

/**
 * What a Dockerfile's user or one of its base images gives: a problem (the
 * check fails), a doubt (it warns), or nothing. One at most each, so no
 * lists are built for the many that give nothing.
 */
type Finding = { problem: string } | { doubt: string } | undefined;

function reviewUser(user: string | undefined): Finding {
  if (!user) {
    return {
      problem:
        'the final stage sets no USER, so it runs as the base image user, root for most images',
    };
  }
  if (user.includes('$')) {
    return {
      doubt: `the final stage's USER ${user} comes from a build argument, so whether it is root cannot be told`,
    };
  }
  // The user before any `:group`.
  const colon = user.indexOf(':');
  const name = colon < 0 ? user : user.slice(0, colon);
  if (ROOT_USERS.has(name.toLowerCase()) || ALL_ZEROS.test(name)) {
    return { problem: `the final stage runs as root (USER ${user})` };
  }
  return undefined;
}

function reviewImage(
  image: string,
  argDefaults: Record<string, string | undefined>,
): Finding {
  if (image.includes('$')) {
    const resolved = withArgDefaults(image, argDefaults);
    // A default that is itself unpinned is what a plain `docker build` uses.
    if (resolved !== undefined && imagePinning(resolved) === 'unpinned') {
      return {
        problem: `base image ${image} defaults to ${resolved}, which is not pinned`,
      };
    }
    return {
      doubt: `base image ${image} comes from a build argument${
        resolved !== undefined ? ` (default ${resolved})` : ''
      }, so its pinning depends on the build`,
    };
  }
  switch (imagePinning(image)) {
    case 'unpinned':
      return {
        problem: `base image ${image} is not pinned (${
          image.endsWith(':latest') ? 'latest' : 'no tag'
        })`,
      };
    case 'floating':
      return { doubt: `base image ${image} is on a floating tag, which moves` };
    default:
      return undefined;
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
  const note = (finding: Finding) => {
    if (finding && 'problem' in finding) {
      problems.push(finding.problem);
    } else if (finding) {
      doubts.push(finding.doubt);
    }
  };
  // The user's findings are listed before the base images'.
  const user = finalUser(stages);
  note(reviewUser(user));
  const baseImages: string[] = [];
  for (let index = 0; index < stages.length; index++) {
    if (parentStage(stages, index)) {
      continue; // Built on an earlier stage, not pulled from a registry.
    }
    const { from } = stages[index];
    baseImages.push(from);
    note(reviewImage(from, globalArgs));
  }
  return user
    ? { user, baseImages, problems, doubts }
    : { baseImages, problems, doubts };
}
