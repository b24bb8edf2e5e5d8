import { InputError } from '@backstage/errors';
import { DeploymentStatus } from '@opsready/plugin-opsready-common';
import { z } from 'zod/v3';
import {
  isoDateTime,
  optionalText,
  parsePayload,
  PendingEvent,
  requiredText,
  Translation,
} from './translation';

/*
 * GitHub `deployment` and `deployment_status` webhook events
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads).
 * One GitHub deployment is one OpsReady deployment: its id is the external
 * id, so each status GitHub sends moves the same row along.
 */

/** The annotation linking a catalog entity to its GitHub repository. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/**
 * deployment_status `state` → OpsReady status. `inactive` (GitHub marks a
 * deployment inactive when a newer one replaces it) changes nothing and is
 * skipped.
 */
export const GITHUB_STATE_TO_STATUS: Readonly<
  Record<string, DeploymentStatus>
> = {
  pending: 'started',
  queued: 'started',
  waiting: 'started',
  in_progress: 'started',
  success: 'succeeded',
  failure: 'failed',
  error: 'failed',
};

const login = z
  .object({ login: z.string() })
  .passthrough()
  .nullable()
  .optional();

const deployment = z
  .object({
    id: z.number({ required_error: 'is required' }).int(),
    sha: requiredText,
    ref: requiredText,
    environment: requiredText,
    created_at: isoDateTime,
    creator: login,
    // Whatever the deployer attached; `{ version }` is read when present.
    payload: z.unknown().optional(),
  })
  .passthrough();

const repository = z
  .object({ full_name: requiredText, html_url: requiredText })
  .passthrough();

const workflowRun = z
  .object({ html_url: z.string() })
  .passthrough()
  .nullable()
  .optional();

const deploymentEvent = z
  .object({
    deployment,
    repository,
    sender: login,
    workflow_run: workflowRun,
  })
  .passthrough();

const deploymentStatusEvent = deploymentEvent.extend({
  deployment_status: z
    .object({
      state: requiredText,
      environment: optionalText,
      target_url: optionalText,
      log_url: optionalText,
      created_at: isoDateTime,
    })
    .passthrough(),
});

/** A semver or `v`-prefixed release name: a ref that names a version. */
const VERSION_LIKE_REF = /^v?\d+(\.\d+)+([-+][0-9A-Za-z.-]+)?$/;

/**
 * What was deployed, in the order a reader would want it: a `version` the
 * deployer put in the deployment payload, a ref that is a release name, else
 * the commit.
 */
function versionOf(d: z.infer<typeof deployment>): string {
  const payload = d.payload;
  if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
    const version = (payload as Record<string, unknown>).version;
    if (typeof version === 'string' && version.trim() !== '') {
      return version.trim();
    }
  }
  return VERSION_LIKE_REF.test(d.ref) ? d.ref : d.sha;
}

/**
 * The deployment a GitHub event moves along, found by its repository: what
 * both events say of it, with what the event adds (its environment and
 * status, and a deployment_status's finish and links).
 */
function translatedDeployment(
  event: z.infer<typeof deploymentEvent>,
  input: Pick<
    Extract<PendingEvent, { type: 'deployment' }>['input'],
    'environment' | 'status' | 'finishedAt'
  > & { url?: string },
): Translation {
  const d = event.deployment;
  return {
    events: [
      {
        type: 'deployment',
        locators: [
          {
            by: 'annotation',
            key: GITHUB_PROJECT_SLUG_ANNOTATION,
            values: [event.repository.full_name],
          },
        ],
        input: {
          environment: input.environment,
          version: versionOf(d),
          status: input.status,
          startedAt: d.created_at,
          finishedAt: input.finishedAt,
          commitSha: d.sha,
          // Who asked for the deployment, not the bot that reports on it.
          actor: d.creator?.login ?? event.sender?.login,
          url:
            input.url ??
            (event.workflow_run?.html_url ||
              `${event.repository.html_url}/deployments`),
          source: 'github',
          externalId: String(d.id),
        },
      },
    ],
    skipped: [],
  };
}

/**
 * Translates one GitHub event. Events other than deployment and
 * deployment_status are skipped with the reason; a payload that lacks what
 * OpsReady needs is a 400.
 */
export function translateGitHubEvent(
  eventName: string | undefined,
  payload: unknown,
): Translation {
  if (!eventName) {
    throw new InputError(
      'X-GitHub-Event header is required: it names the event the payload is',
    );
  }
  if (eventName !== 'deployment' && eventName !== 'deployment_status') {
    return {
      events: [],
      skipped: [
        {
          item: eventName,
          reason: `GitHub event '${eventName}' is not used: OpsReady reads deployment and deployment_status events only`,
        },
      ],
    };
  }

  if (eventName === 'deployment') {
    const event = parsePayload(deploymentEvent, payload, 'GitHub deployment');
    return translatedDeployment(event, {
      environment: event.deployment.environment,
      status: 'started',
    });
  }

  const event = parsePayload(
    deploymentStatusEvent,
    payload,
    'GitHub deployment_status',
  );
  const d = event.deployment;
  const s = event.deployment_status;
  const status = GITHUB_STATE_TO_STATUS[s.state];
  if (!status) {
    return {
      events: [],
      skipped: [
        {
          item: `deployment ${d.id}`,
          reason:
            s.state === 'inactive'
              ? 'State inactive: GitHub marks a deployment inactive when a newer one replaces it; nothing changes'
              : `Unknown deployment_status state '${s.state}'`,
        },
      ],
    };
  }
  return translatedDeployment(event, {
    environment: s.environment ?? d.environment,
    status,
    finishedAt: status === 'started' ? undefined : s.created_at,
    url: s.log_url ?? s.target_url,
  });
}
