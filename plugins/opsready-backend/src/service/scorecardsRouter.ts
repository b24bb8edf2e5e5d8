import { HttpAuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CheckDescription } from '@opsready/plugin-opsready-common';
import express from 'express';
import { ExemptionsStore } from '../database/ExemptionsStore';
import {
  CandidateScoring,
  candidateOf,
  readCandidate,
} from '../scorecards/candidateConfig';
import { EvaluationPages } from '../scorecards/evaluationPages';
import { previewFleet, ScorecardPreview } from '../scorecards/previewFleet';
import { createApiRouter } from './createApiRouter';

export interface ScorecardsRouterOptions {
  httpAuth: HttpAuthService;
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
  /** The stored evaluations, a page at a time. */
  evaluations: EvaluationPages;
  exemptions: Pick<ExemptionsStore, 'activeExemptionsOf'>;
  /** Every registered check, disabled ones included: a candidate may enable one. */
  checks: () => ReadonlyArray<
    Pick<CheckDescription, 'id' | 'weight' | 'severity'>
  >;
  /** The scoring configuration in force. */
  scoring: CandidateScoring;
}

/**
 * The policy what-if: the scoring configuration in force, and what a
 * candidate would do to the fleet (see src/schema/openapi.yaml). Like
 * /fleet it needs no OpsReady permission: the figures cover the fleet, and
 * the entities listed are only those the caller may see in the catalog.
 */
export function createScorecardsRouter(
  options: ScorecardsRouterOptions,
): express.Router {
  const { httpAuth, catalog, evaluations, exemptions, scoring } = options;
  const smallJson = express.json({ limit: '64kb' });
  const read = (body: unknown) =>
    readCandidate(body, scoring, new Set(options.checks().map(c => c.id)));
  const router = createApiRouter({
    paths: ['/scorecards/config', '/scorecards/preview'],
    bodyParser: () => smallJson,
    bodyNames: { 'POST /scorecards/preview': 'candidate' },
    inputChecks: { 'POST /scorecards/preview': req => read(req.body) },
  });

  router.get('/scorecards/config', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(candidateOf(scoring));
  });

  router.post('/scorecards/preview', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const candidate = read(req.body);
    const preview = await previewFleet({
      evaluations,
      exemptions,
      checks: options.checks(),
      inForce: scoring,
      candidate,
    });
    res.json(await visibleOnly(preview, refs => titlesOf(refs)));

    async function titlesOf(refs: string[]) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: ['metadata.name', 'metadata.title'] },
        { credentials },
      );
      return new Map(
        refs.flatMap((ref, index) => {
          const entity = items[index];
          return entity
            ? [[ref, entity.metadata.title ?? entity.metadata.name] as const]
            : [];
        }),
      );
    }
  });

  return router;
}

type Group = ScorecardPreview['groups'][number];

/** The preview with only the listed entities the caller may see, titled. */
async function visibleOnly(
  preview: ScorecardPreview,
  titlesOf: (refs: string[]) => Promise<Map<string, string>>,
): Promise<ScorecardPreview> {
  const allGroups = [
    ...preview.groups,
    ...preview.scorecards.flatMap(s => s.groups),
  ];
  const refs = [
    ...new Set(allGroups.flatMap(g => g.entities.map(e => e.entityRef))),
  ];
  const titles = refs.length ? await titlesOf(refs) : new Map();
  const visible = (groups: Group[]) =>
    groups.map(group => ({
      ...group,
      entities: group.entities.flatMap(entity => {
        const title = titles.get(entity.entityRef);
        return title === undefined ? [] : [{ ...entity, title }];
      }),
    }));
  return {
    ...preview,
    groups: visible(preview.groups),
    scorecards: preview.scorecards.map(scorecard => ({
      ...scorecard,
      groups: visible(scorecard.groups),
    })),
  };
}
