import { ConfigReader } from '@backstage/config';
import { readWebhooksConfig } from './readWebhooksConfig';

const read = (webhooks: Record<string, any>) =>
  readWebhooksConfig(new ConfigReader({ opsready: { webhooks } }));

describe('readWebhooksConfig', () => {
  it('keeps every webhook closed and uses the documented defaults when nothing is set', () => {
    const config = readWebhooksConfig(new ConfigReader({}));
    expect(config.github.secret).toBeUndefined();
    expect(config.alertmanager.token).toBeUndefined();
    expect(config.argocd.token).toBeUndefined();
    expect(config.alertmanager).toMatchObject({
      entityLabels: ['backstage_entity', 'service'],
      entityAnnotations: [],
      environmentLabels: ['environment', 'env'],
      defaultEnvironment: 'production',
      defaultSeverity: 'medium',
      defaultCategory: 'performance',
    });
    expect(config.alertmanager.severityMap).toMatchObject({
      critical: 'critical',
      high: 'high',
      warning: 'medium',
      info: 'low',
    });
    expect(config.lookupTimeoutMs).toBe(5000);
    expect(config.maxBodyBytes).toBe(1048576);
  });

  it('takes one label or a list, and merges the severity map over the defaults', () => {
    const config = read({
      alertmanager: {
        token: 't',
        entityLabel: 'app',
        entityAnnotation: ['backstage.io/entity'],
        severityMap: { Warning: 'high', P1: 'critical' },
      },
    });
    expect(config.alertmanager.entityLabels).toEqual(['app']);
    expect(config.alertmanager.entityAnnotations).toEqual([
      'backstage.io/entity',
    ]);
    expect(config.alertmanager.severityMap).toMatchObject({
      warning: 'high',
      p1: 'critical',
      critical: 'critical',
    });
  });

  it.each([
    [{ github: { secret: ' ' } }, 'opsready.webhooks.github.secret is empty'],
    [
      { alertmanager: { severityMap: { warning: 'urgent' } } },
      "opsready.webhooks.alertmanager.severityMap.warning must be one of critical, high, medium, low, got 'urgent'",
    ],
    [
      { argocd: { degradedCategory: 'outage' } },
      'opsready.webhooks.argocd.degradedCategory must be one of',
    ],
    [
      { alertmanager: { entityLabel: [] } },
      'opsready.webhooks.alertmanager.entityLabel must be a name or a list of names',
    ],
    [{ lookupTimeoutMs: 0 }, 'opsready.webhooks.lookupTimeoutMs must be'],
  ])('stops start-up on %j', (webhooks, message) => {
    expect(() => read(webhooks)).toThrow(message);
  });
});
