import {
  ContentHeader,
  InfoCard,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { FleetEntity, FleetFilter } from '@opsready/plugin-opsready-common';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { FleetCampaignItems } from '../Campaigns';
import { RelativeTime } from '../RelativeTime';
import {
  AsyncContent,
  FilterSelect,
  PageControls,
  useCursorPages,
  SERVER_PAGED_TABLE,
} from '../shared';
import {
  LevelDistribution,
  OwnersRanked,
  TopFailingChecks,
} from './FleetFigures';
import { BurningFastest } from './BurningFastest';
import { OpenErrors } from './OpenErrors';
import { OwnerDoraTable } from './OwnerDoraTable';

const PAGE_SIZE = 50;

const columns: TableColumn<FleetEntity>[] = [
  {
    title: 'Entity',
    render: e => <EntityRefLink entityRef={e.entityRef} title={e.title} />,
  },
  { title: 'Kind', field: 'kind' },
  {
    title: 'Owner',
    render: e =>
      e.owner ? <EntityRefLink entityRef={e.owner} defaultKind="group" /> : '—',
  },
  { title: 'Score', render: e => (e.score === null ? '—' : e.score) },
  { title: 'Level', render: e => e.level ?? 'none' },
  {
    title: 'Open critical / high errors',
    render: e => <OpenErrors entityRef={e.entityRef} counts={e.openErrors} />,
  },
  { title: 'Evaluated', render: e => <RelativeTime iso={e.evaluatedAt} /> },
];

/**
 * The fleet tab, through the scorecard chosen (the first by default):
 * levels across the portal, teams ranked, the checks that fail most, the
 * services burning their error budget fastest, DORA by team, every entity
 * with its score, and the open campaign items of the owner filtered by (or
 * the user's teams).
 */
export function FleetTab() {
  const api = useApi(opsreadyApiRef);
  const [filter, setFilter] = useState<FleetFilter>({});
  // The choices come from the fleet filtered by scorecard alone, so a
  // filter never hides its own alternatives.
  const everything = useAsync(
    () => api.getFleet({ scorecard: filter.scorecard }, { limit: 1 }),
    [api, filter.scorecard],
  );
  const scorecards = useAsync(() => api.getScorecards(), [api]);
  const [firstScorecard, ...otherScorecards] = scorecards.value ?? [];
  const pages = useCursorPages(
    cursor => api.getFleet(filter, { cursor, limit: PAGE_SIZE }),
    [filter],
  );
  const set = (key: keyof FleetFilter) => (value: string) =>
    setFilter(f => ({ ...f, [key]: value || undefined }));

  return (
    <>
      <ContentHeader title="Fleet" />
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
        {otherScorecards.length > 0 && (
          <FilterSelect
            label="Scorecard"
            value={filter.scorecard ?? ''}
            emptyLabel={firstScorecard.title}
            options={otherScorecards.map(s => ({
              value: s.id,
              label: s.title,
            }))}
            // Each scorecard has its own levels: a level filter does not carry over.
            onChange={value =>
              setFilter(f => ({
                ...f,
                scorecard: value || undefined,
                level: undefined,
              }))
            }
          />
        )}
        <FilterSelect
          label="Owner"
          value={filter.owner ?? ''}
          options={everything.value?.owners.map(o => o.owner) ?? []}
          onChange={set('owner')}
        />
        <FilterSelect
          label="Kind"
          value={filter.kind ?? ''}
          options={['component', 'api', 'resource', 'system']}
          onChange={set('kind')}
        />
        <FilterSelect
          label="Level"
          value={filter.level ?? ''}
          options={Object.keys(everything.value?.levelCounts ?? {})}
          onChange={set('level')}
        />
      </Box>
      <FleetCampaignItems owner={filter.owner} />
      <AsyncContent {...pages}>
        {fleet => (
          <Grid container spacing={3}>
            <Grid item xs={12} md={4}>
              <InfoCard title="Levels">
                <LevelDistribution
                  levelCounts={fleet.levelCounts}
                  total={fleet.totalEntities}
                />
              </InfoCard>
            </Grid>
            <Grid item xs={12} md={4}>
              <InfoCard title="Teams by average score">
                <OwnersRanked owners={fleet.owners} />
              </InfoCard>
            </Grid>
            <Grid item xs={12} md={4}>
              <InfoCard title="Checks failing most">
                <TopFailingChecks checks={fleet.topFailingChecks} />
              </InfoCard>
            </Grid>
            <Grid item xs={12}>
              <BurningFastest />
            </Grid>
            <Grid item xs={12}>
              <Table<FleetEntity>
                title={`Entities (${fleet.totalEntities})`}
                options={SERVER_PAGED_TABLE}
                columns={columns}
                data={fleet.items}
                isLoading={pages.loading}
                emptyContent={<Box p={2}>No entity matches these filters.</Box>}
              />
              <PageControls {...pages} />
            </Grid>
            <Grid item xs={12}>
              <OwnerDoraTable owners={fleet.owners.map(o => o.owner)} />
            </Grid>
          </Grid>
        )}
      </AsyncContent>
    </>
  );
}
