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
  const wanted = Object.entries(selector as Record<string, unknown>);
  return (
    wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value)
  );
}

/**
 * Whether a `metav1.LabelSelector` (matchLabels and matchExpressions) selects
 * pods with these labels. A missing selector selects nothing; an empty one
 * (`{}`) selects nothing unless `emptySelectsAll`, as it does for a
 * `policy/v1` PodDisruptionBudget.
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
  const labelTerms = Object.entries(matchLabels ?? {});
  const expressionTerms = Array.isArray(matchExpressions)
    ? matchExpressions
    : [];
  if (labelTerms.length === 0 && expressionTerms.length === 0) {
    return emptySelectsAll;
  }
  return (
    labelTerms.every(([key, value]) => labels[key] === value) &&
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
