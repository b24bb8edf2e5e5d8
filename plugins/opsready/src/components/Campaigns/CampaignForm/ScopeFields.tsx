import Typography from '@material-ui/core/Typography';
import { CampaignFormValues, FieldProblems, ScopeField } from './campaignForm';
import { ChipsField } from './ChipsField';

const SCOPE_LABELS: Record<ScopeField, { label: string; helper: string }> = {
  kinds: { label: 'Kinds', helper: 'e.g. Component' },
  types: { label: 'Types', helper: 'e.g. service, website' },
  lifecycles: { label: 'Lifecycles', helper: 'e.g. production' },
  owners: { label: 'Owners', helper: 'e.g. group:default/payments' },
  systems: { label: 'Systems', helper: 'e.g. system:default/checkout' },
  tags: { label: 'Tags', helper: 'e.g. java' },
  annotations: {
    label: 'Annotations',
    helper: 'A key (present) or key=value, e.g. backstage.io/techdocs-ref',
  },
};

/**
 * Which entities the campaign asks. Each field lists alternatives; all the
 * fields apply; an empty scope is every entity OpsReady evaluates.
 */
export function ScopeFields(props: {
  scope: CampaignFormValues['scope'];
  onChange: (field: ScopeField, values: string[]) => void;
  problems: FieldProblems;
}) {
  const { scope, onChange, problems } = props;
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Scope
      </Typography>
      <Typography variant="body2" color="textSecondary">
        An entity is in scope when it matches one value of each field filled in.
        Leave them all empty to ask every entity.
      </Typography>
      {(Object.keys(SCOPE_LABELS) as ScopeField[]).map(field => (
        <ChipsField
          key={field}
          label={SCOPE_LABELS[field].label}
          helperText={SCOPE_LABELS[field].helper}
          values={scope[field]}
          onChange={values => onChange(field, values)}
          error={problems[field]}
        />
      ))}
    </>
  );
}
