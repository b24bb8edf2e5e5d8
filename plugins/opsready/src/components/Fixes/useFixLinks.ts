import { useRouteRef } from '@backstage/core-plugin-api';
import { FIX_TEMPLATE_NAME } from '@opsready/plugin-opsready-common';
import { useCallback } from 'react';
import {
  scaffolderTaskRouteRef,
  scaffolderTemplateRouteRef,
} from '../../routes';
import { FixRequest, withFormData } from './fixLinks';

// Where the scaffolder is mounted unless the app says otherwise.
const DEFAULT_SCAFFOLDER_PATH = '/create';

/**
 * Links into the scaffolder: the fix template pre-filled, and a task's
 * page. Through the external routes when the app binds them (the new
 * frontend system does so by itself), else under `/create`.
 */
export function useFixLinks() {
  const templateRoute = useRouteRef(scaffolderTemplateRouteRef);
  const taskRoute = useRouteRef(scaffolderTaskRouteRef);

  const fixUrl = useCallback(
    (request: FixRequest) => {
      const templatePath =
        templateRoute?.({
          namespace: 'default',
          templateName: FIX_TEMPLATE_NAME,
        }) ??
        `${DEFAULT_SCAFFOLDER_PATH}/templates/default/${FIX_TEMPLATE_NAME}`;
      return withFormData(templatePath, request);
    },
    [templateRoute],
  );

  const taskUrl = useCallback(
    (taskId: string) =>
      taskRoute?.({ taskId }) ??
      `${DEFAULT_SCAFFOLDER_PATH}/tasks/${encodeURIComponent(taskId)}`,
    [taskRoute],
  );

  return { fixUrl, taskUrl };
}
