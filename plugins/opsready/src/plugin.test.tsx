import { screen } from '@testing-library/react';
import {
  EntityComplianceContent,
  EntityDeploymentsContent,
  EntityErrorsContent,
  EntityOpsReadyCard,
  opsreadyPlugin,
} from './plugin';
import { emptyApi } from './__testUtils__/testData';
import { renderForEntity } from './__testUtils__/renderForEntity';

describe('the classic (legacy frontend system) plugin', () => {
  it('has the plugin id the backend and permissions use', () => {
    expect(opsreadyPlugin.getId()).toBe('opsready');
  });

  it('renders the lazy-loaded overview card extension', async () => {
    await renderForEntity(<EntityOpsReadyCard />, { api: emptyApi() });
    expect(await screen.findByText('Score 60 / 100')).toBeInTheDocument();
  });

  it('renders the lazy-loaded entity tabs', async () => {
    await renderForEntity(
      <>
        <EntityComplianceContent />
        <EntityDeploymentsContent />
        <EntityErrorsContent />
      </>,
      { api: emptyApi() },
    );
    expect(await screen.findByText('Checks')).toBeInTheDocument();
    expect(
      await screen.findByText('No deployments recorded yet'),
    ).toBeInTheDocument();
    expect(await screen.findByText('No errors recorded')).toBeInTheDocument();
  });
});
