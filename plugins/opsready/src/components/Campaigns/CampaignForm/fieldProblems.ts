import { FieldProblems, FormField } from './campaignForm';

/** The API's name of each field the form shows, as its messages name them. */
const API_FIELDS: Record<string, FormField> = {
  name: 'name',
  description: 'description',
  rationale: 'rationale',
  goal: 'goal',
  'goal.checks': 'checks',
  'goal.minLevel': 'minLevel',
  scope: 'kinds',
  'scope.kinds': 'kinds',
  'scope.types': 'types',
  'scope.lifecycles': 'lifecycles',
  'scope.owners': 'owners',
  'scope.systems': 'systems',
  'scope.tags': 'tags',
  'scope.annotations': 'annotations',
  startsAt: 'startsAt',
  deadline: 'deadline',
  owner: 'owner',
  enforce: 'enforce',
};

// Names a message may mention anywhere and only mean the field by:
// "Unknown check 'x' in goal.checks". Plain words (name, owner) may not.
const MENTIONED = Object.keys(API_FIELDS)
  .filter(path => /[.A-Z]/.test(path) || path === 'deadline')
  .sort((a, b) => b.length - a.length);

/** The field of a path such as `goal.checks.3` or `scope.tags`. */
function fieldOfPath(path: string): FormField | undefined {
  const segments = path.split('.').filter(s => !/^\d+$/.test(s));
  for (let n = segments.length; n > 0; n--) {
    const field = API_FIELDS[segments.slice(0, n).join('.')];
    if (field) return field;
  }
  return undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The problem as the user should read it: "must be after startsAt" → "Must …". */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Sorts the problems of the backend's 400 message by the field they are
 * about, so each shows by its field; what names no field is `rest`, for the
 * top of the form. The backend's messages read "Invalid campaign: deadline:
 * must be after startsAt; goal.checks.0: no check 'x'", and the request
 * validator's "request/body/name must NOT have fewer than 1 characters".
 */
export function problemsByField(message: string): {
  fields: FieldProblems;
  rest: string[];
} {
  const fields: FieldProblems = {};
  const rest: string[] = [];
  const add = (field: FormField, text: string) => {
    fields[field] = fields[field] ? `${fields[field]}; ${text}` : text;
  };
  const parts = message
    .replace(/^Invalid [^:]+:\s*/, '')
    .replace(/request\/body\/([\w/]+)/g, (_all, path: string) =>
      path.replace(/\//g, '.'),
    )
    .split(/;\s+|\n\s*-?\s*|,\s+(?=[\w.]+ must )/)
    .map(part => part.trim())
    .filter(Boolean);
  for (const part of parts) {
    const leading = part.match(/^([A-Za-z][\w.]*)(:?)\s+(.+)$/);
    const field = leading ? fieldOfPath(leading[1]) : undefined;
    if (leading && field) {
      add(field, leading[2] ? sentence(leading[3]) : part);
      continue;
    }
    const mentioned = MENTIONED.find(path =>
      new RegExp(`(^|[^\\w.])${escape(path)}(?![\\w])`).test(part),
    );
    if (mentioned) {
      add(API_FIELDS[mentioned], part);
    } else {
      rest.push(sentence(part));
    }
  }
  return { fields, rest };
}
