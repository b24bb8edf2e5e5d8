export { createWebhooksRouter } from './createWebhooksRouter';
export type { WebhooksRouterOptions } from './createWebhooksRouter';
export { readWebhooksConfig } from './readWebhooksConfig';
export type { WebhooksConfig } from './readWebhooksConfig';
export { createWebhookSkipsRouter } from './createWebhookSkipsRouter';
