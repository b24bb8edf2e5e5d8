import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { ReactNode } from 'react';
import { errorTitle } from '../errorTitle';

/**
 * What every OpsReady view shows while it loads and when it fails: a
 * progress bar, then the backend's own error message, then the content.
 */
export function AsyncContent<T>(props: {
  loading: boolean;
  error?: Error;
  value?: T;
  children: (value: T) => ReactNode;
}) {
  const { loading, error, value, children } = props;
  if (loading && value === undefined) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} title={errorTitle(error)} />;
  }
  if (value === undefined) {
    return null;
  }
  return <>{children(value)}</>;
}
