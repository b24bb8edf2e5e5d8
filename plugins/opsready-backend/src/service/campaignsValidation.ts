import { z } from 'zod/v3';

/*
 * The queries of the campaign routes. The spec's validator coerces numbers
 * before these run; they coerce too, for a route called without it.
 */

const page = {
  // A page's nextCursor is base64url: anything else is no cursor of ours.
  cursor: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor from an earlier page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};

export const campaignListQuery = z.object({
  state: z.enum(['scheduled', 'active', 'paused', 'ended']).optional(),
  ...page,
});

export const campaignEntitiesQuery = z.object({
  status: z.enum(['done', 'open', 'exempt']).optional(),
  owner: z.string().trim().min(1).max(255).optional(),
  ...page,
});

export const campaignItemsQuery = z.object({
  owner: z
    .string({ required_error: 'is required, e.g. group:default/team-a' })
    .trim()
    .min(1)
    .max(255),
});
