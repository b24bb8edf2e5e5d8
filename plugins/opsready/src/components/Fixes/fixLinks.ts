import { FIX_TEMPLATE_NAME } from '@opsready/plugin-opsready-common';

/** The fix template as the scaffolder names it when a task is started. */
export const FIX_TEMPLATE_REF = `template:default/${FIX_TEMPLATE_NAME}`;

/** What the fix template is asked to fix: one entity, some of its checks. */
export interface FixRequest {
  /** e.g. `component:default/legacy-billing`. */
  entityRef: string;
  checkIds: string[];
}

/**
 * The template page with its form filled in: the scaffolder reads
 * `formData` (URL-encoded JSON) into the form's values.
 */
export function withFormData(templatePath: string, request: FixRequest) {
  const formData = JSON.stringify({
    entityRef: request.entityRef,
    checkIds: request.checkIds,
  });
  return `${templatePath}?formData=${encodeURIComponent(formData)}`;
}

/**
 * Where a proposal can be opened. Only web links are links: a local
 * repository (`file:`) cannot be opened from a browser, so its path is
 * shown instead; any other scheme is shown as text, never followed.
 */
export type ProposalTarget =
  | { kind: 'web'; href: string }
  | { kind: 'local'; path: string }
  | { kind: 'other'; text: string };

export function proposalTarget(url: string): ProposalTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'other', text: url };
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    return { kind: 'web', href: parsed.toString() };
  }
  if (parsed.protocol === 'file:') {
    return { kind: 'local', path: decodeURIComponent(parsed.pathname) };
  }
  return { kind: 'other', text: url };
}
