import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { opsreadyApiRef } from './api/OpsReadyApi';
import { EntityOpsReadyCard, opsreadyPlugin } from './plugin';
import { checkoutservice, evaluation } from './testData';

describe('the classic (legacy frontend system) plugin', () => {
  it('has the plugin id the backend and permissions use', () => {
    expect(opsreadyPlugin.getId()).toBe('opsready');
  });

  it('renders the lazy-loaded overview card extension', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [opsreadyApiRef, { getEntityEvaluation: async () => evaluation }],
        ]}
      >
        <EntityProvider entity={checkoutservice}>
          <EntityOpsReadyCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Score 60 / 100')).toBeInTheDocument();
  });
});
