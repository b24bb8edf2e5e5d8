import { DockerInstruction } from './dockerfileInstructions';

/** One build stage: the image it starts FROM, its name, the USER it sets. */
export interface DockerStage {
  from: string;
  name?: string;
  /** The last USER instruction of the stage, if any. */
  user?: string;
}

/** A Dockerfile's stages, and the build arguments declared before them. */
export interface DockerBuild {
  stages: DockerStage[];
  /**
   * ARGs declared before the first FROM (the only ones a FROM may use), with
   * their default values when they have one.
   */
  globalArgs: Record<string, string | undefined>;
}

const WHITESPACE = /\s+/;
const QUOTED = /^(["'])(.*)\1$/;

function unquote(value: string): string {
  return value.replace(QUOTED, '$2');
}

function parseArgs(args: string): Array<[string, string | undefined]> {
  return args
    .split(WHITESPACE)
    .filter(Boolean)
    .map(declaration => {
      const equals = declaration.indexOf('=');
      return equals < 0
        ? [declaration, undefined]
        : [
            declaration.slice(0, equals),
            unquote(declaration.slice(equals + 1)),
          ];
    });
}

function parseFrom(args: string): { from: string; name?: string } {
  // Flags such as --platform=$BUILDPLATFORM come before the image.
  const words = args.split(WHITESPACE).filter(word => !word.startsWith('--'));
  const named = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
  const from = words[0] ?? '';
  return named ? { from, name: named } : { from };
}

/** The stages of a Dockerfile, from its instructions. */
export function dockerBuild(instructions: DockerInstruction[]): DockerBuild {
  const stages: DockerStage[] = [];
  const globalArgs: Record<string, string | undefined> = {};
  for (const { keyword, args } of instructions) {
    const current = stages[stages.length - 1];
    if (keyword === 'FROM') {
      stages.push(parseFrom(args));
    } else if (keyword === 'ARG' && !current) {
      for (const [name, value] of parseArgs(args)) {
        globalArgs[name] = value;
      }
    } else if (keyword === 'USER' && current) {
      current.user = args.split(WHITESPACE)[0];
    }
  }
  return { stages, globalArgs };
}

/**
 * The stage a stage builds on, when it starts FROM an earlier stage by name
 * (stage names are case-insensitive).
 */
export function parentStage(
  stages: DockerStage[],
  index: number,
): DockerStage | undefined {
  const from = stages[index].from.toLowerCase();
  // The nearest earlier stage of that name, searched backwards in place.
  for (let earlier = index - 1; earlier >= 0; earlier--) {
    if (stages[earlier].name?.toLowerCase() === from) {
      return stages[earlier];
    }
  }
  return undefined;
}

/**
 * The user the final stage runs as: its own last USER, else the one it
 * inherits from an earlier stage it builds on. Undefined when neither sets
 * one, i.e. the base image's user, which is root for most images.
 */
export function finalUser(stages: DockerStage[]): string | undefined {
  for (let index = stages.length - 1; index >= 0; ) {
    const stage = stages[index];
    if (stage.user) {
      return stage.user;
    }
    const parent = parentStage(stages, index);
    index = parent ? stages.indexOf(parent) : -1;
  }
  return undefined;
}
