import { FixItButton } from './FixItButton';

/**
 * One fix for all the given checks of the entity (the caller passes the
 * fixable ones that do not pass and have no proposal yet); nothing when
 * there are none.
 */
export function FixAllFixableButton(props: {
  entityRef: string;
  checkIds: string[];
}) {
  const { entityRef, checkIds } = props;
  if (checkIds.length === 0) {
    return null;
  }
  return (
    <FixItButton
      request={{ entityRef, checkIds }}
      variant="contained"
      label={`Fix all fixable (${checkIds.length})`}
    />
  );
}
