/**
 * Whether a Service-style selector (a plain map of labels) selects pods with
 * these labels. An empty or missing selector selects nothing here: a Service
 * without one is managed by hand (its Endpoints are not derived from pods).
 */
export function mapSelects(
  selector: unknown,
  labels: Record<string, string>,
): boolean {
  if (typeof selector !== 'object' || selector === null) {
    return false;
  }
  return labelsMatch(selector, labels) === 'all';
}

/**
 * Whether pods with these labels have every label a map asks for: `none`
 * when it asks for none, else `all` or `not all`. What listing the map with
 * Object.entries and comparing would say, without building the list: this
 * runs for every Service and budget against every workload.
 */
function labelsMatch(
  wanted: unknown,
  labels: Record<string, string>,
): 'none' | 'all' | 'not all' {
  let answer: 'none' | 'all' = 'none';
  // `for…in` also walks what a string or an array holds, as
  // Object.entries does; `hasOwnProperty` leaves out what is inherited.
  for (const key in wanted as object) {
    if (!Object.prototype.hasOwnProperty.call(wanted, key)) {
      continue;
    }
    if (labels[key] !== (wanted as Record<string, unknown>)[key]) {
      return 'not all';
    }
    answer = 'all';
  }
  return answer;
}

/**
 * Whether a `metav1.LabelSelector` (matchLabels and matchExpressions) selects
 * pods with these labels. A missing selector selects nothing; an empty one
 * (`{}`) selects nothing unless `emptySelectsAll`, as it does for a
 * `policy/v1` PodDisruptionBudget.
 *
 * @public
 */
export function labelSelectorSelects(
  selector: unknown,
  labels: Record<string, string>,
  { emptySelectsAll = false }: { emptySelectsAll?: boolean } = {},
): boolean {
  if (typeof selector !== 'object' || selector === null) {
    return false;
  }
  const { matchLabels, matchExpressions } = selector as {
    matchLabels?: Record<string, unknown>;
    matchExpressions?: Array<{
      key?: string;
      operator?: string;
      values?: unknown[];
    }>;
  };
  const byLabels = labelsMatch(matchLabels ?? {}, labels);
  const expressionTerms = Array.isArray(matchExpressions)
    ? matchExpressions
    : [];
  if (byLabels === 'none' && expressionTerms.length === 0) {
    return emptySelectsAll;
  }
  return (
    byLabels !== 'not all' &&
    expressionTerms.every(term => expressionSelects(term, labels))
  );
}

function expressionSelects(
  term: { key?: string; operator?: string; values?: unknown[] },
  labels: Record<string, string>,
): boolean {
  const key = String(term?.key ?? '');
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  const values = (Array.isArray(term?.values) ? term.values : []).map(String);
  switch (term?.operator) {
    case 'In':
      return has && values.includes(labels[key]);
    case 'NotIn':
      return !has || !values.includes(labels[key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An operator Kubernetes would reject selects nothing.
      return false;
  }
}
