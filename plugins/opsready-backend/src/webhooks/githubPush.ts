import { z } from 'zod/v3';
import type { RepositoryPush } from '../sources/RepositoryPushes';
import { parsePayload, requiredText } from './translation';

/*
 * GitHub `push` events
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads#push):
 * only what says which branch of which repository moved.
 */
const pushEvent = z
  .object({
    ref: requiredText,
    deleted: z.boolean().optional(),
    repository: z
      .object({
        full_name: requiredText,
        html_url: requiredText,
        default_branch: z.string().optional(),
        master_branch: z.string().optional(),
      })
      .passthrough(),
  })
  .passthrough();

const BRANCH_PREFIX = 'refs/heads/';

/**
 * The branch a push moved, or why it moves nothing OpsReady reads: a tag,
 * or a branch deleted.
 */
export function parseGitHubPush(
  payload: unknown,
): { push: RepositoryPush } | { skipped: string } {
  const event = parsePayload(pushEvent, payload, 'GitHub push');
  if (!event.ref.startsWith(BRANCH_PREFIX)) {
    return { skipped: `${event.ref} is not a branch` };
  }
  if (event.deleted) {
    return { skipped: `${event.ref} was deleted` };
  }
  let host: string;
  try {
    host = new URL(event.repository.html_url).host;
  } catch {
    return { skipped: 'repository.html_url is not a URL' };
  }
  return {
    push: {
      host,
      repository: event.repository.full_name,
      branch: event.ref.slice(BRANCH_PREFIX.length),
      defaultBranch:
        event.repository.default_branch ?? event.repository.master_branch,
    },
  };
}
