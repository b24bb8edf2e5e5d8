import { DateTime } from 'luxon';
import {
  Campaign,
  CampaignInput,
  CampaignPatch,
  CampaignScope,
} from '../../../api/OpsReadyApi';
import { fromDateTimeField, toDateTimeField } from '../../shared';

/** The scope's fields, in the order the form shows them. */
export const SCOPE_FIELDS = [
  'kinds',
  'types',
  'lifecycles',
  'owners',
  'systems',
  'tags',
  'annotations',
] as const;

export type ScopeField = (typeof SCOPE_FIELDS)[number];

/** What the form holds: the campaign as the user edits it. */
export interface CampaignFormValues {
  name: string;
  description: string;
  rationale: string;
  checks: string[];
  /** '' for no minimum level. */
  minLevel: string;
  scope: Record<ScopeField, string[]>;
  /** datetime-local values, in the user's time zone. */
  startsAt: string;
  deadline: string;
  owner: string;
  enforce: boolean;
}

/** A field a problem can be shown by; `goal` is the goal as a whole. */
export type FormField =
  | Exclude<keyof CampaignFormValues, 'scope'>
  | 'goal'
  | ScopeField;

export type FieldProblems = Partial<Record<FormField, string>>;

/** The form for a new campaign (from now, for 30 days), or for `campaign`. */
export function formValuesOf(
  campaign?: Campaign,
  now: DateTime = DateTime.now().startOf('minute'),
): CampaignFormValues {
  const scope = campaign?.scope ?? {};
  return {
    name: campaign?.name ?? '',
    description: campaign?.description ?? '',
    rationale: campaign?.rationale ?? '',
    checks: campaign?.goal.checks ?? [],
    minLevel: campaign?.goal.minLevel ?? '',
    scope: Object.fromEntries(
      SCOPE_FIELDS.map(field => [field, scope[field] ?? []]),
    ) as Record<ScopeField, string[]>,
    startsAt: toDateTimeField(
      campaign ? DateTime.fromISO(campaign.startsAt) : now,
    ),
    deadline: toDateTimeField(
      campaign ? DateTime.fromISO(campaign.deadline) : now.plus({ days: 30 }),
    ),
    owner: campaign?.owner ?? '',
    enforce: campaign?.enforce ?? false,
  };
}

/** The scope with its empty fields left out: an empty field asks nothing. */
function scopeOf(values: CampaignFormValues): CampaignScope {
  return Object.fromEntries(
    SCOPE_FIELDS.filter(field => values.scope[field].length > 0).map(field => [
      field,
      values.scope[field],
    ]),
  );
}

/** The campaign the API is sent. */
export function campaignInputOf(values: CampaignFormValues): CampaignInput {
  return {
    name: values.name.trim(),
    description: values.description,
    rationale: values.rationale,
    goal: {
      ...(values.checks.length > 0 ? { checks: values.checks } : {}),
      ...(values.minLevel ? { minLevel: values.minLevel } : {}),
    },
    scope: scopeOf(values),
    startsAt: fromDateTimeField(values.startsAt),
    deadline: fromDateTimeField(values.deadline),
    owner: values.owner.trim(),
    enforce: values.enforce,
  };
}

/**
 * The fields of `input` that differ from the campaign's, so its history
 * records what was edited and nothing else. A minimum level taken away is
 * sent as null.
 */
export function campaignPatchOf(
  campaign: Campaign,
  input: CampaignInput,
): CampaignPatch {
  const before: CampaignInput = {
    name: campaign.name,
    description: campaign.description,
    rationale: campaign.rationale,
    goal: campaign.goal,
    scope: campaign.scope,
    startsAt: campaign.startsAt,
    deadline: campaign.deadline,
    owner: campaign.owner,
    enforce: campaign.enforce,
  };
  const goal = { ...input.goal, minLevel: input.goal.minLevel ?? null };
  const after: CampaignInput = { ...input, goal };
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof CampaignInput>) {
    if (!sameValue(before[key], after[key])) {
      patch[key] = after[key];
    }
  }
  return patch as CampaignPatch;
}

const isInstant = (a: string, b: string) =>
  /^\d{4}-\d\d-\d\dT/.test(a) && /^\d{4}-\d\d-\d\dT/.test(b);

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && isInstant(a, b)) {
    return Date.parse(a) === Date.parse(b);
  }
  return JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
}

/** Objects with sorted keys and no empty lists, nulls or undefined values. */
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalised(v)]),
    );
  }
  return value;
}

/**
 * What the form can tell before asking the backend: the fields a campaign
 * needs, a goal, and a deadline after the start.
 */
export function formProblems(values: CampaignFormValues): FieldProblems {
  const problems: FieldProblems = {};
  if (!values.name.trim()) problems.name = 'Give the campaign a name';
  if (!values.owner.trim()) {
    problems.owner = 'Name the group that runs it, e.g. group:default/platform';
  }
  if (values.checks.length === 0 && !values.minLevel) {
    problems.goal = 'Choose checks that must pass, a minimum level, or both';
  }
  const start = DateTime.fromISO(values.startsAt);
  const deadline = DateTime.fromISO(values.deadline);
  if (!start.isValid) problems.startsAt = 'Set when the campaign starts';
  if (!deadline.isValid) problems.deadline = 'Set the deadline';
  if (start.isValid && deadline.isValid && deadline <= start) {
    problems.deadline = 'The deadline must be after the start';
  }
  return problems;
}
