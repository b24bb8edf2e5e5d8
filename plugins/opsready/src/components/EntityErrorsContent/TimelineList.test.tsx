import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TimelineEvent } from '@opsready/plugin-opsready-common';
import { DateTime } from 'luxon';
import { emptyApi } from '../../__testUtils__/testData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { TimelineList } from './TimelineList';

const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'checkoutservice',
};
const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' };
const minutesAgo = (minutes: number) =>
  DateTime.now().minus({ minutes }).toISO()!;

function notification(
  id: string,
  title: string,
  details: Record<string, unknown>,
): TimelineEvent {
  return {
    id: `notification:${id}`,
    type: 'notification',
    at: minutesAgo(12),
    title,
    environment: 'production',
    details,
    links: [],
  };
}

async function renderTimeline(items: TimelineEvent[]) {
  await renderForEntity(<TimelineList entity={entity} range={range} />, {
    api: emptyApi({
      getTimeline: jest.fn().mockResolvedValue({ ...range, items }),
    }),
  });
  return screen.findByRole('list', { name: 'Timeline' });
}

describe('the timeline', () => {
  it('says what the owners were told and who was told, with a bell', async () => {
    const timeline = await renderTimeline([
      notification('n1', 'Owners told: checkoutservice down', {
        topic: 'health',
        status: 'sent',
        recipients: ['group:default/payments', 'user:default/ada'],
      }),
    ]);
    const item = within(timeline).getByRole('listitem');
    expect(item).toHaveTextContent(
      'Owners told: checkoutservice down · production',
    );
    expect(item).not.toHaveTextContent('Owners told: Owners told');
    expect(within(item).getByTitle('Notification')).toBeInTheDocument();
    expect(within(item).getByText('12 minutes ago')).toBeInTheDocument();
    expect(item).toHaveTextContent(/12 minutes ago · To /);
    expect(
      within(item).getByRole('link', { name: /payments/ }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(within(item).getByRole('link', { name: /ada/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/ada',
    );
    // Delivered as raised: nothing to warn about.
    expect(within(item).queryByText(/^Held/)).not.toBeInTheDocument();
    expect(within(item).queryByText(/Rate-limited/)).not.toBeInTheDocument();
  });

  it('marks a notice held by a maintenance window with when it ends, and why on hover', async () => {
    const until = DateTime.now()
      .set({ hour: 14, minute: 0, second: 0, millisecond: 0 })
      .toISO()!;
    const timeline = await renderTimeline([
      notification('n2', 'cartservice down', {
        topic: 'health',
        status: 'held',
        recipients: ['group:default/payments'],
        heldBy: { windowId: 'w1', reason: 'Redis upgrade', until },
      }),
    ]);
    const item = within(timeline).getByRole('listitem');
    // A bare notice title still reads as what the owners were told.
    expect(item).toHaveTextContent('Owners told: cartservice down');
    const chip = within(item).getByText('Held: maintenance until 14:00');
    await userEvent.hover(chip);
    expect(
      await screen.findByRole('tooltip', { name: 'Redis upgrade' }),
    ).toBeInTheDocument();
  });

  it('gives the date as well when the window ends on another day', async () => {
    const until = DateTime.now()
      .plus({ days: 2 })
      .set({ hour: 6, minute: 30, second: 0, millisecond: 0 });
    const timeline = await renderTimeline([
      notification('n3', 'Owners told: cartservice down', {
        status: 'held',
        heldBy: { windowId: 'w1', reason: 'Move', until: until.toISO() },
      }),
    ]);
    expect(
      within(timeline).getByText(
        `Held: maintenance until ${until.toFormat('d LLL')} 06:30`,
      ),
    ).toBeInTheDocument();
  });

  it('marks a notice the rate limit stopped', async () => {
    const timeline = await renderTimeline([
      notification('n4', 'Owners told: new critical error', {
        topic: 'errors',
        status: 'rate-limited',
        recipients: ['group:default/payments'],
      }),
    ]);
    expect(
      within(timeline).getByText('Rate-limited: not sent'),
    ).toBeInTheDocument();
  });

  it('shows a notice whose details are missing without inventing them', async () => {
    const timeline = await renderTimeline([
      notification('n5', 'Owners told: cartservice down', {}),
    ]);
    const item = within(timeline).getByRole('listitem');
    expect(item).toHaveTextContent('Owners told: cartservice down');
    expect(item).not.toHaveTextContent(/· To/);
    expect(within(item).queryByRole('link')).not.toBeInTheDocument();
  });

  it('keeps the other events as they were, beside the notices', async () => {
    const timeline = await renderTimeline([
      notification('n6', 'Owners told: checkoutservice down', {
        status: 'sent',
        recipients: ['group:default/payments'],
      }),
      {
        id: 'deployment:d1',
        type: 'deployment',
        at: minutesAgo(60),
        title: '1.0.1 succeeded',
        environment: 'production',
        details: {},
        links: [{ title: 'CI run', url: 'https://ci.example.com/runs/1' }],
      },
    ]);
    const [told, deployed] = within(timeline).getAllByRole('listitem');
    expect(told).toHaveTextContent('Owners told: checkoutservice down');
    expect(deployed).toHaveTextContent('Deployment 1.0.1 succeeded');
    expect(
      within(deployed).queryByTitle('Notification'),
    ).not.toBeInTheDocument();
  });
});
