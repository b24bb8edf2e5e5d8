import { demoCluster, KubeObject } from './cluster';

const selects = (budget: KubeObject, deployment: KubeObject) =>
  Object.entries(budget.spec.selector.matchLabels).every(
    ([key, value]) => deployment.spec.template.metadata.labels[key] === value,
  );

describe('the demo cluster', () => {
  it('has disruption budgets for the storefront’s production services only, as the demo campaign’s history says', () => {
    const objects = demoCluster(Date.parse('2026-11-22T12:00:00Z'));
    const budgets = objects.filter(o => o.kind === 'PodDisruptionBudget');
    const covered = objects
      .filter(o => o.kind === 'Deployment')
      .filter(d => budgets.some(b => selects(b, d)))
      .map(d => d.metadata.name);
    expect(covered).toEqual(['frontend', 'cartservice']);
    expect(
      budgets.map(b => [b.metadata.name, b.metadata.creationTimestamp]),
    ).toEqual([
      ['frontend', '2026-11-06T12:00:00.000Z'],
      ['cartservice', '2026-11-13T12:00:00.000Z'],
    ]);
  });
});
