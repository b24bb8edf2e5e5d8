import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  NotificationsApi,
  notificationsApiRef,
} from '@backstage/plugin-notifications';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { notificationSettingsModule } from './notificationSettingsModule';

type NotificationSettings = Awaited<
  ReturnType<NotificationsApi['getNotificationSettings']>
>;

/** What the notifications backend gives a user who has muted nothing yet. */
const settings: NotificationSettings = {
  channels: [
    {
      id: 'Web',
      origins: [
        {
          id: 'plugin:opsready',
          enabled: true,
          topics: [
            { id: 'health', enabled: true },
            { id: 'errors', enabled: true },
            { id: 'exemptions', enabled: true },
          ],
        },
      ],
    },
  ],
};

function notificationsApi() {
  return {
    getNotificationSettings: jest.fn().mockResolvedValue(settings),
    updateNotificationSettings: jest.fn(async (s: NotificationSettings) => s),
  };
}

describe('the Notifications tab of the user settings', () => {
  it("lists OpsReady's topics by name and mutes the one switched off", async () => {
    const api = notificationsApi();
    renderTestApp({
      features: [userSettingsPlugin, notificationSettingsModule],
      initialRouteEntries: ['/settings/notifications'],
      apis: [[notificationsApiRef, api as any]],
    });

    expect(
      await screen.findByRole('tab', { name: 'Notifications' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('OpsReady')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'expand row' }));
    const healthRow = screen
      .getByText('Health (down, recovered, flapping)')
      .closest('tr')!;
    expect(
      screen.getByText('Errors (new critical and high, stale reminders)'),
    ).toBeInTheDocument();

    await userEvent.click(within(healthRow).getByRole('switch'));

    await waitFor(() =>
      expect(api.updateNotificationSettings).toHaveBeenCalled(),
    );
    const saved = api.updateNotificationSettings.mock.calls[0][0];
    const topics = saved.channels[0].origins[0].topics!;
    expect(topics.find(t => t.id === 'health')?.enabled).toBe(false);
    expect(topics.find(t => t.id === 'errors')?.enabled).toBe(true);
  });
});
