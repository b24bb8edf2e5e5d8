import {
  createFrontendModule,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';

/**
 * The names the settings table shows for origins and topics: the OpsReady
 * backend sends as `plugin:opsready`, one topic per kind of news, and each
 * row can be switched off per channel.
 */
export const ORIGIN_NAMES: Record<string, string> = {
  'plugin:opsready': 'OpsReady',
};

export const TOPIC_NAMES: Record<string, string> = {
  health: 'Health (down, recovered, flapping)',
  errors: 'Errors (new critical and high, stale reminders)',
  deployments: 'Deployments (rollback advised)',
  compliance: 'Compliance (level drops, failing critical checks)',
  exemptions: 'Exemptions (requested, decided, expiring)',
};

/**
 * A Notifications tab on the user settings page, where people mute a topic
 * (or an origin) per channel. The notifications plugin ships the settings
 * card but, on the new frontend system, no page that shows it.
 */
const notificationSettingsPage = SubPageBlueprint.make({
  attachTo: { id: 'page:user-settings', input: 'pages' },
  name: 'notifications',
  params: {
    path: 'notifications',
    title: 'Notifications',
    loader: () =>
      import('@backstage/plugin-notifications').then(
        ({ UserNotificationSettingsCard }) => (
          <UserNotificationSettingsCard
            originNames={ORIGIN_NAMES}
            topicNames={TOPIC_NAMES}
          />
        ),
      ),
  },
});

export const notificationSettingsModule = createFrontendModule({
  pluginId: 'user-settings',
  extensions: [notificationSettingsPage],
});
