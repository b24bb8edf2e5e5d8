import { LinkButton } from '@backstage/core-components';
import BuildIcon from '@material-ui/icons/Build';
import { FixRequest } from './fixLinks';
import { useFixLinks } from './useFixLinks';

/**
 * Leads to the fix template with the entity and the checks filled in; the
 * user reviews the form there and starts the fix.
 */
export function FixItButton(props: {
  request: FixRequest;
  label?: string;
  variant?: 'outlined' | 'contained';
}) {
  const { request, label = 'Fix it', variant = 'outlined' } = props;
  const { fixUrl } = useFixLinks();
  return (
    <LinkButton
      to={fixUrl(request)}
      size="small"
      variant={variant}
      color="primary"
      startIcon={<BuildIcon />}
    >
      {label}
    </LinkButton>
  );
}
