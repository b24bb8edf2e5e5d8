import { ConfigReader } from '@backstage/config';
import { fakeCampaigns } from '../__testUtils__/fakeCampaigns';
import { triggerHandlers } from '.';

describe('triggerHandlers', () => {
  it('handles every compliance, exemption and stale-error event, with the configured platform groups and check titles', async () => {
    const handlers = triggerHandlers({
      config: new ConfigReader({
        opsready: { permissions: { platformGroups: ['platform'] } },
      }),
      checks: () => [{ id: 'kubernetes.pdb', title: 'Has a PDB' }],
    });
    expect(Object.keys(handlers).sort()).toEqual([
      'compliance.check-failing',
      'compliance.level-dropped',
      'error.stale',
      'exemption.decided',
      'exemption.expiring',
      'exemption.requested',
    ]);
    const [notice] = await handlers['exemption.requested']!({
      type: 'exemption.requested',
      entityRef: 'component:default/cartservice',
      exemptionId: 'ex-1',
      checkId: 'kubernetes.pdb',
      requestedBy: 'user:default/linus',
      reason: 'Single replica',
      at: '2026-12-08T10:00:00.000Z',
    });
    expect(notice.recipients).toEqual(['group:default/platform']);
    expect(notice.title).toContain('"Has a PDB"');
  });

  it('handles campaign events where it is given the campaigns', () => {
    const config = new ConfigReader({});
    const without = triggerHandlers({ config, checks: () => [] });
    expect(without['campaign.launched']).toBeUndefined();
    const handlers = triggerHandlers({
      config,
      checks: () => [],
      campaigns: fakeCampaigns(),
    });
    expect(
      Object.keys(handlers).filter(type => type.startsWith('campaign.')),
    ).toEqual(['campaign.launched', 'campaign.reminder', 'campaign.completed']);
  });
});
