import { useApiHolder } from '@backstage/core-plugin-api';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { useCallback, useState } from 'react';
import { errorTitle } from '../errorTitle';
import { FIX_TEMPLATE_REF, FixRequest } from './fixLinks';

/** How long the scaffolder may take to accept one task. */
export const START_TIMEOUT_MS = 30_000;

/** Where one entity's fix stands. */
export type FixTaskState =
  | { status: 'waiting' }
  | { status: 'starting' }
  | { status: 'started'; taskId: string }
  | { status: 'failed'; message: string };

/**
 * Starts the fix template once per entity, one after the other, so that
 * each entity gets one change (one pull request per repository) and the
 * user sees each start as it happens. A start that fails does not stop the
 * others. Undefined `start` when the app has no scaffolder.
 */
export function useStartFixTasks() {
  const scaffolderApi = useApiHolder().get(scaffolderApiRef);
  const [states, setStates] = useState<Record<string, FixTaskState>>({});
  const [running, setRunning] = useState(false);

  const start = useCallback(
    async (requests: FixRequest[]) => {
      if (!scaffolderApi) return;
      const set = (entityRef: string, state: FixTaskState) =>
        setStates(s => ({ ...s, [entityRef]: state }));
      setRunning(true);
      setStates(
        Object.fromEntries(
          requests.map(r => [r.entityRef, { status: 'waiting' as const }]),
        ),
      );
      for (const { entityRef, checkIds } of requests) {
        set(entityRef, { status: 'starting' });
        try {
          const { taskId } = await withTimeout(
            scaffolderApi.scaffold({
              templateRef: FIX_TEMPLATE_REF,
              values: { entityRef, checkIds },
            }),
          );
          set(entityRef, { status: 'started', taskId });
        } catch (e) {
          set(entityRef, { status: 'failed', message: errorTitle(e as Error) });
        }
      }
      setRunning(false);
    },
    [scaffolderApi],
  );

  return { start: scaffolderApi ? start : undefined, states, running };
}

// The scaffolder's client takes no abort signal: the wait is bounded here,
// and the user is told the task may still have started.
function withTimeout<T>(pending: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `The scaffolder did not answer within ${
              START_TIMEOUT_MS / 1000
            } s; the task may still start — see the scaffolder's task list.`,
          ),
        ),
      START_TIMEOUT_MS,
    );
  });
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}
