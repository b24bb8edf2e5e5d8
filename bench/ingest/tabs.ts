/*
 * What the read side asks for besides its long pages: every request the
 * errors and deployments tabs make when they open (plugins/opsready's
 * EntityErrorsContent and EntityDeploymentsContent), as they make it.
 */
import {
  ApiQuery,
  OpsReadyApiClient,
  Page,
  responseData,
} from '@opsready/plugin-opsready-common';

/**
 * One of the entity pages' requests, for the page at `cursor`: a page, or
 * another answer (DORA figures, the chart's series) counted as one row
 * unless it has items.
 */
export type Read = (cursor?: string) => Promise<Page<unknown> | object>;

export const rowsOf = (body: Page<unknown> | object) =>
  'items' in body && Array.isArray(body.items) ? body.items.length : 1;
export const nextOf = (body: Page<unknown> | object) =>
  'nextCursor' in body ? (body.nextCursor as string | undefined) : undefined;

export function tabReads(options: {
  api: OpsReadyApiClient;
  path: { kind: string; namespace: string; name: string };
  /** The range the errors tab opens with. */
  week: { from: string; to: string };
  signal: () => AbortSignal;
}): Array<[string, Read]> {
  const { api, path, week, signal } = options;
  const errorPages =
    (query: ApiQuery<'/entities/{kind}/{namespace}/{name}/errors'>): Read =>
    cursor =>
      responseData(
        api.GET('/entities/{kind}/{namespace}/{name}/errors', {
          params: { path, query: { ...query, cursor } },
          signal: signal(),
        }),
      );
  const deploymentPages =
    (
      query: ApiQuery<'/entities/{kind}/{namespace}/{name}/deployments'>,
    ): Read =>
    cursor =>
      responseData(
        api.GET('/entities/{kind}/{namespace}/{name}/deployments', {
          params: { path, query: { ...query, cursor } },
          signal: signal(),
        }),
      );
  return [
    [
      "errors tab: the chart's series, 7 days",
      () =>
        responseData(
          api.GET('/entities/{kind}/{namespace}/{name}/errors/series', {
            params: { path: path, query: week },
            signal: signal(),
          }),
        ),
    ],
    [
      "errors tab: the chart's deployments, 7 days (200)",
      deploymentPages({ ...week, limit: 200 }),
    ],
    ['errors tab: any error at all (grouped, 1)', errorPages({ limit: 1 })],
    [
      'errors tab: open groups, 7 days (25)',
      errorPages({ ...week, status: 'open', view: 'grouped', limit: 25 }),
    ],
    [
      'errors tab: timeline, 7 days (50)',
      cursor =>
        responseData(
          api.GET('/entities/{kind}/{namespace}/{name}/timeline', {
            params: { path: path, query: { ...week, limit: 50, cursor } },
            signal: signal(),
          }),
        ),
    ],
    [
      'deployments tab: environments',
      () =>
        responseData(
          api.GET('/entities/{kind}/{namespace}/{name}/environments', {
            params: { path: path },
            signal: signal(),
          }),
        ),
    ],
    ['deployments tab: recent (200)', deploymentPages({ limit: 200 })],
    [
      'deployments tab: DORA, 30 days',
      () =>
        responseData(
          api.GET('/entities/{kind}/{namespace}/{name}/dora', {
            params: { path: path },
            signal: signal(),
          }),
        ),
    ],
    [
      'deployments tab: table, one environment (25)',
      deploymentPages({ environment: 'staging', limit: 25 }),
    ],
  ];
}
