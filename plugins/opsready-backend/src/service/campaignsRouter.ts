import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { AuthorizedCampaignService } from '../campaigns/AuthorizedCampaignService';
import {
  CAMPAIGN_BODY,
  campaignInputBody,
  campaignPatchBody,
  CampaignRules,
  parseCampaignBody,
} from '../campaigns/campaignInput';
import {
  campaignEntitiesQuery,
  campaignItemsQuery,
  campaignListQuery,
} from './campaignsValidation';
import { createApiRouter, plain } from './createApiRouter';
import { parseInput, parseOwnerRef, pathEntityRef } from './validation';

export interface CampaignsRouterOptions {
  httpAuth: HttpAuthService;
  campaigns: Pick<
    AuthorizedCampaignService,
    | 'list'
    | 'get'
    | 'getHistory'
    | 'getProgress'
    | 'listEntities'
    | 'exportCsv'
    | 'getTeamItems'
    | 'getEntityCampaigns'
    | 'preview'
    | 'create'
    | 'update'
  >;
  /** The checks in force and the levels, that a goal may name. */
  rules: CampaignRules;
  now?: () => Date;
}

const ENTITY_CAMPAIGNS = '/entities/{kind}/{namespace}/{name}/campaigns';

/**
 * The campaign a route's path names. The typed router does not type path
 * parameters declared on the path rather than the operation.
 */
const campaignId = (params: object) => (params as { id: string }).id;

/**
 * Campaigns: launched, edited and followed (see src/schema/openapi.yaml).
 * Who may do what is the authorizing service's.
 */
export function createCampaignsRouter(
  options: CampaignsRouterOptions,
): express.Router {
  const { httpAuth, campaigns } = options;
  const smallJson = express.json({ limit: '256kb' });
  const input = campaignInputBody(options.rules, options.now);
  const patch = campaignPatchBody(options.rules);
  const router = createApiRouter({
    // The preview before {id}: a request is judged by the first path it matches.
    paths: [
      '/campaigns',
      '/campaigns/preview',
      '/campaigns/{id}',
      '/campaigns/{id}/history',
      '/campaigns/{id}/progress',
      '/campaigns/{id}/entities',
      '/campaigns/{id}/export',
      ENTITY_CAMPAIGNS,
      '/campaign-items',
    ],
    bodyParser: () => smallJson,
    bodyNames: {
      'POST /campaigns': CAMPAIGN_BODY,
      'POST /campaigns/preview': CAMPAIGN_BODY,
      'PATCH /campaigns/{id}': CAMPAIGN_BODY,
    },
    inputChecks: {
      'GET /campaigns': req =>
        parseInput(campaignListQuery, req.query, 'query'),
      'POST /campaigns': req => parseCampaignBody(input, req.body),
      'POST /campaigns/preview': req => parseCampaignBody(input, req.body),
      'PATCH /campaigns/{id}': req => parseCampaignBody(patch, req.body),
      'GET /campaigns/{id}/entities': req =>
        parseInput(campaignEntitiesQuery, req.query, 'query'),
      'GET /campaign-items': req =>
        parseInput(campaignItemsQuery, req.query, 'query'),
    },
  });

  router.get('/campaigns', async (req, res) => {
    const query = parseInput(campaignListQuery, req.query, 'query');
    res.json(plain(await campaigns.list(query)));
  });

  router.post('/campaigns', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const body = parseCampaignBody(input, req.body);
    res.status(201).json(plain(await campaigns.create(body, credentials)));
  });

  router.post('/campaigns/preview', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const body = parseCampaignBody(input, req.body);
    res.json(plain(await campaigns.preview(body, credentials)));
  });

  router.get('/campaigns/:id', async (req, res) => {
    res.json(plain(await campaigns.get(campaignId(req.params))));
  });

  router.patch('/campaigns/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const body = parseCampaignBody(patch, req.body);
    res.json(
      plain(await campaigns.update(campaignId(req.params), body, credentials)),
    );
  });

  router.get('/campaigns/:id/history', async (req, res) => {
    res.json({
      items: plain(await campaigns.getHistory(campaignId(req.params))),
    });
  });

  router.get('/campaigns/:id/progress', async (req, res) => {
    res.json(plain(await campaigns.getProgress(campaignId(req.params))));
  });

  router.get('/campaigns/:id/entities', async (req, res) => {
    const { status, owner, cursor, limit } = parseInput(
      campaignEntitiesQuery,
      req.query,
      'query',
    );
    const page = await campaigns.listEntities(
      campaignId(req.params),
      { status, owner: owner && parseOwnerRef(owner) },
      { cursor, limit },
    );
    res.json(plain(page));
  });

  router.get('/campaigns/:id/export', async (req, res) => {
    const csv = await campaigns.exportCsv(campaignId(req.params));
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="campaign-${campaignId(
          req.params,
        )}.csv"`,
      })
      .send(csv);
  });

  router.get('/entities/:kind/:namespace/:name/campaigns', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const items = await campaigns.getEntityCampaigns(
      pathEntityRef(req.params),
      credentials,
    );
    res.json({ items: plain(items) });
  });

  router.get('/campaign-items', async (req, res) => {
    const { owner } = parseInput(campaignItemsQuery, req.query, 'query');
    const ownerRef = parseOwnerRef(owner);
    res.json({
      owner: ownerRef,
      items: plain(await campaigns.getTeamItems(ownerRef)),
    });
  });

  return router;
}
