import { screen, within } from '@testing-library/react';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { burningService, pageAlert } from '../../__testUtils__/sloData';
import { backendError, emptyApi } from '../../__testUtils__/testData';
import { BurningFastest } from './BurningFastest';

const ticket = {
  ...pageAlert,
  severity: 'ticket' as const,
  message: 'Burning 3.1× over 6h',
};

describe('BurningFastest', () => {
  it('lists the services burning fastest, each linked, with its budget and worst alert', async () => {
    const getBurningServices = jest.fn().mockResolvedValue({
      items: [
        burningService({ alerts: [ticket, pageAlert] }),
        burningService({
          entityRef: 'component:default/adservice',
          title: undefined,
          burnRate: 3.1,
          budgetRemaining: -15.41039,
          alerts: [ticket],
        }),
      ],
    });
    await renderForEntity(<BurningFastest />, {
      api: emptyApi({ getBurningServices }),
    });

    const cart = (
      await screen.findByRole('link', { name: 'Cart service' })
    ).closest('tr')!;
    expect(
      within(cart).getByRole('link', { name: 'Cart service' }),
    ).toHaveAttribute('href', '/catalog/default/component/cartservice');
    expect(cart).toHaveTextContent('16.2×');
    expect(cart).toHaveTextContent('33 %');
    expect(cart).toHaveTextContent(`Page${pageAlert.message}`);
    expect(cart).not.toHaveTextContent('Burning 3.1× over 6h');

    const ad = screen.getByRole('link', { name: 'adservice' }).closest('tr')!;
    expect(ad).toHaveTextContent('3.1×');
    expect(ad).toHaveTextContent('Exhausted, 1,541 % over');
    expect(ad).toHaveTextContent('TicketBurning 3.1× over 6h');
    expect(getBurningServices).toHaveBeenCalledWith({ limit: 10 });
  });

  it('says so when no service burns its budget', async () => {
    await renderForEntity(<BurningFastest />, { api: emptyApi() });
    expect(
      await screen.findByText('No service is burning its error budget'),
    ).toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    await renderForEntity(<BurningFastest />, {
      api: emptyApi({
        getBurningServices: jest
          .fn()
          .mockRejectedValue(await backendError('Prometheus is down', 503)),
      }),
    });
    expect(
      (await screen.findAllByText(/Prometheus is down/)).length,
    ).toBeGreaterThan(0);
  });
});
