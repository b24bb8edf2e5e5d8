import { useState } from 'react';
import useAsyncRetry, { AsyncStateRetry } from 'react-use/esm/useAsyncRetry';
import { Page } from '../../api/OpsReadyApi';

/** The page shown, where it stands in the walk, and the way to move. */
export type CursorPages<P> = AsyncStateRetry<P> & {
  pageNumber: number;
  hasNext: boolean;
  hasPrevious: boolean;
  next: () => void;
  previous: () => void;
};

/**
 * Server-side paging over the backend's cursors: the current page, and
 * next/previous that remember the cursors walked so far. A change of
 * `deps` (a filter) starts again at the first page.
 */
export function useCursorPages<T, P extends Page<T> = Page<T>>(
  load: (cursor: string | undefined) => Promise<P>,
  deps: unknown[],
): CursorPages<P> {
  const [state, setState] = useState<{
    key: string;
    cursors: Array<string | undefined>;
  }>({ key: '', cursors: [undefined] });
  const key = JSON.stringify(deps);
  // A new filter resets the walk without an extra render of stale pages.
  const cursors = state.key === key ? state.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const page = useAsyncRetry(() => load(cursor), [key, cursor]);

  const next = () => {
    if (page.value?.nextCursor) {
      setState({ key, cursors: [...cursors, page.value.nextCursor] });
    }
  };
  const previous = () => {
    if (cursors.length > 1) {
      setState({ key, cursors: cursors.slice(0, -1) });
    }
  };

  return {
    ...page,
    pageNumber: cursors.length,
    hasNext: Boolean(page.value?.nextCursor),
    hasPrevious: cursors.length > 1,
    next,
    previous,
  };
}
