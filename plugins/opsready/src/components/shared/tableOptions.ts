import { TableOptions } from '@backstage/core-components';

/**
 * Options of tables whose rows the backend pages and filters: no client-side
 * paging, search or sorting, which would only act on the page shown.
 */
export const SERVER_PAGED_TABLE: TableOptions<{}> = {
  paging: false,
  search: false,
  sorting: false,
  draggable: false,
  padding: 'dense',
};
