import {
  DeploymentInput,
  ServiceErrorInput,
} from '@opsready/plugin-opsready-common';
import { NormalizedErrorInput } from '../database/ErrorsStore';

/** Inputs for the stores of what happened to services, all of one service. */
export const cart = 'component:default/cartservice';
export const now = new Date('2026-11-24T12:00:00Z');

export const deployment = (
  externalId: string,
  startedAt: string,
  extra: Partial<DeploymentInput> = {},
): DeploymentInput => ({
  entityRef: cart,
  environment: 'production',
  version: '1.0.0',
  status: 'succeeded',
  startedAt,
  source: 'api',
  externalId,
  ...extra,
});

export const error = (
  externalId: string,
  occurredAt: string,
  extra: Partial<ServiceErrorInput> = {},
): NormalizedErrorInput => ({
  entityRef: cart,
  environment: 'production',
  severity: 'high',
  category: 'dependency',
  message: 'redis unreachable',
  occurredAt,
  source: 'api',
  externalId,
  fingerprint: 'redis',
  ...extra,
});
