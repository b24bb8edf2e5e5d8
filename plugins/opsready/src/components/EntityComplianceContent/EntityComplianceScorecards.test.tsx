import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityEvaluation } from '@opsready/plugin-opsready-common';
import {
  emptyApi,
  evaluation,
  evaluationWith,
} from '../../__testUtils__/testData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { EntityComplianceContent } from './EntityComplianceContent';

// The entity on two scorecards: the default one, and one of the catalog
// description alone, weighed and levelled its own way.
const twoScorecards: EntityEvaluation = {
  ...evaluationWith(evaluation.checks),
  scorecards: [
    evaluation.scorecards[0],
    {
      id: 'docs',
      title: 'Documentation',
      description: 'Someone new can find their way.',
      score: 0,
      level: null,
      nextLevel: {
        name: 'documented',
        minScore: 80,
        pointsNeeded: 80,
        blockingChecks: [],
      },
      levels: [{ name: 'documented', minScore: 80 }],
      checks: [{ id: 'catalog.description', weight: 4 }],
    },
  ],
};

describe('EntityComplianceContent with several scorecards', () => {
  it("shows a tab per scorecard, and the chosen one's score, level and checks only", async () => {
    const api = emptyApi({
      getEntityEvaluation: jest.fn().mockResolvedValue(twoScorecards),
    });
    await renderForEntity(<EntityComplianceContent />, { api });

    const tabs = await screen.findByRole('tablist', { name: 'Scorecards' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map(tab => tab.textContent),
    ).toEqual([
      'Production readiness · 60, bronze',
      'Documentation · 0, no level',
    ]);
    expect(screen.getByText('Score 60 / 100')).toBeInTheDocument();
    expect(screen.getByText('Owner set')).toBeInTheDocument();

    await userEvent.click(
      within(tabs).getByRole('tab', { name: /Documentation/ }),
    );
    expect(await screen.findByText('Score 0 / 100')).toBeInTheDocument();
    expect(screen.getByText('No level yet')).toBeInTheDocument();
    expect(
      screen.getByText('documented needs 80 more points'),
    ).toBeInTheDocument();
    // Its one check, and what the scorecard asks in place of the trend.
    expect(screen.queryByText('Owner set')).not.toBeInTheDocument();
    expect(screen.getByText('Description')).toBeInTheDocument();
    expect(
      screen.getByText('Someone new can find their way.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Levels of Documentation' }),
    ).toHaveTextContent('documented80 points');
  });

  it('opens on the scorecard the link names', async () => {
    const api = emptyApi({
      getEntityEvaluation: jest.fn().mockResolvedValue(twoScorecards),
    });
    await renderForEntity(<EntityComplianceContent />, {
      api,
      routeEntries: ['/?scorecard=docs'],
    });
    expect(await screen.findByText('Score 0 / 100')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /Documentation/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('shows no tabs with one scorecard', async () => {
    const api = emptyApi({
      getEntityEvaluation: jest.fn().mockResolvedValue(evaluation),
    });
    await renderForEntity(<EntityComplianceContent />, { api });
    expect(await screen.findByText('Score 60 / 100')).toBeInTheDocument();
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
  });
});
