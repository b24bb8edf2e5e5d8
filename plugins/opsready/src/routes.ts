import { createRouteRef } from '@backstage/core-plugin-api';

/** The fleet page, in apps on the legacy frontend system. */
export const rootRouteRef = createRouteRef({ id: 'opsready' });
