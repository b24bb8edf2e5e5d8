import { Table, TableColumn } from '@backstage/core-components';
import { ReactNode } from 'react';
import { Page } from '../../api/OpsReadyApi';
import { AsyncContent } from './AsyncContent';
import { PageControls } from './PageControls';
import { SERVER_PAGED_TABLE } from './tableOptions';
import { CursorPages } from './useCursorPages';

/**
 * A table over one page of a list the backend pages and filters, with
 * previous / next under it. The caller owns the walk (useCursorPages), so
 * it can reload the page after a change of its own.
 */
export function ServerPagedTable<T extends object>(props: {
  title: string;
  columns: TableColumn<T>[];
  pages: CursorPages<Page<T>>;
  /** What an empty page says: usually that no row matches the filters. */
  emptyContent: ReactNode;
}) {
  const { title, columns, pages, emptyContent } = props;
  return (
    <AsyncContent {...pages}>
      {page => (
        <>
          <Table<T>
            title={title}
            options={SERVER_PAGED_TABLE}
            columns={columns}
            data={page.items}
            isLoading={pages.loading}
            emptyContent={emptyContent}
          />
          <PageControls {...pages} />
        </>
      )}
    </AsyncContent>
  );
}
