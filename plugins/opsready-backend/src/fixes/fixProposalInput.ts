import { z } from 'zod/v3';
import { quoted } from '../lib/zodProblems';

/** What a fix proposal's 400 names the body. */
export const FIX_PROPOSAL_BODY = 'fix proposal';

/** Where a change may be reviewed: a web page, or a repository on disk. */
const REVIEW_PROTOCOLS = new Set(['http:', 'https:', 'file:']);

/** Why a URL cannot be where a change is reviewed, if it cannot. */
function reviewUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an http(s) or file URL';
  }
  if (!REVIEW_PROTOCOLS.has(url.protocol)) {
    return `must be an http(s) or file URL, not ${quoted(url.protocol)}`;
  }
  if (url.protocol !== 'file:' && !url.hostname) {
    return 'must name a host';
  }
  // The URL is shown to everyone who sees the entity: no secret in it.
  if (url.username || url.password) {
    return 'must not carry a user name or password';
  }
  return undefined;
}

/**
 * The body of `POST …/fix-proposals`, the check ids judged against the
 * checks in force: a proposal for a check the engine does not run would
 * never be shown, nor ever dropped.
 */
export function fixProposalBody(checks: () => ReadonlyArray<{ id: string }>) {
  return z.object({
    checkIds: z
      .array(z.string().trim().min(1).max(200))
      .min(1)
      .max(50)
      .superRefine((ids, ctx) => {
        const known = new Set(checks().map(c => c.id));
        const seen = new Set<string>();
        ids.forEach((id, index) => {
          if (!known.has(id)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [index],
              message: `unknown check ${quoted(id)}`,
            });
          } else if (seen.has(id)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [index],
              message: `check ${quoted(id)} is named twice`,
            });
          }
          seen.add(id);
        });
      }),
    url: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .superRefine((value, ctx) => {
        const problem = reviewUrlProblem(value);
        if (problem) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
        }
      }),
    title: z.string().trim().min(1).max(300).optional(),
    branch: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/^[^\s\p{Cc}]+$/u, 'must be a branch name, without spaces')
      .optional(),
    // The person a service (the scaffolder) records the proposal for.
    actor: z.string().trim().min(1).max(255).optional(),
  });
}

export type FixProposalBody = z.infer<ReturnType<typeof fixProposalBody>>;
