import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DeploymentStatusLabel, SeverityLabel } from './SeverityLabel';

describe('status labels', () => {
  it('give a severity as a word screen readers read, beside its icon', async () => {
    await renderInTestApp(<SeverityLabel severity="critical" />);
    const word = screen.getByText('Critical');
    expect(word.closest('[aria-hidden="true"]')).toBeNull();
    expect(screen.getByTestId('status-error')).toBeInTheDocument();
  });

  it('give a deployment status as a word screen readers read, beside its icon', async () => {
    await renderInTestApp(<DeploymentStatusLabel status="rolled-back" />);
    expect(
      screen.getByText('Rolled back').closest('[aria-hidden="true"]'),
    ).toBeNull();
  });
});
