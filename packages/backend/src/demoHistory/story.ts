/*
 * What happened to the demo's production services over the three weeks of
 * the demo campaign "Every production service has a PodDisruptionBudget
 * and probes", which the demo fleet's seeder launches three weeks back.
 *
 * It ends where the demo cluster (packages/demo-fleet, kubernetes/
 * cluster.ts) is today: every Deployment has both probes; frontend and
 * cartservice have a PodDisruptionBudget (created 16 and 9 days ago), the
 * payments team's services none. So storefront is done, and payments, who
 * added their probes late and no budget yet, put the campaign at risk.
 */

export type DemoCheckId = 'kubernetes.pdb' | 'kubernetes.probes';

/** One change of a check's status, so many days before the demo started. */
export interface DemoChange {
  entityRef: string;
  checkId: DemoCheckId;
  status: 'pass' | 'fail';
  message: string;
  daysAgo: number;
}

/** Before the campaign's start, when every service failed both checks. */
const BEFORE_START_DAYS = 22;

const ref = (name: string) => `component:default/${name}`;

const PDB_PASS =
  'Every production Deployment and StatefulSet has a PodDisruptionBudget selecting its pods.';
const PROBES_PASS = 'Every container has a readiness and a liveness probe.';

const noBudget = (name: string) =>
  `Deployment/${name} in the cluster has no PodDisruptionBudget selecting its pods (app=${name}, backstage.io/kubernetes-id=${name}).`;
const noProbes = (name: string) =>
  `Deployment/${name} container server in the cluster has no readinessProbe and no livenessProbe.`;

/** When each service got its budget and its probes; never when absent. */
const FIXED: Record<string, { pdb?: number; probes: number }> = {
  frontend: { pdb: 16, probes: 18 },
  cartservice: { pdb: 9, probes: 12 },
  checkoutservice: { probes: 4 },
  paymentservice: { probes: 2 },
};

/** The demo's production services, as the history tables key them. */
export const DEMO_ENTITY_REFS = Object.keys(FIXED).map(ref);

export const DEMO_CHECK_IDS: DemoCheckId[] = [
  'kubernetes.pdb',
  'kubernetes.probes',
];

/** Every change of the story, oldest first per service and check. */
export function demoChanges(): DemoChange[] {
  return Object.entries(FIXED).flatMap(([name, fixed]) => {
    const entityRef = ref(name);
    const changes: DemoChange[] = [
      {
        entityRef,
        checkId: 'kubernetes.pdb',
        status: 'fail',
        message: noBudget(name),
        daysAgo: BEFORE_START_DAYS,
      },
      {
        entityRef,
        checkId: 'kubernetes.probes',
        status: 'fail',
        message: noProbes(name),
        daysAgo: BEFORE_START_DAYS,
      },
      {
        entityRef,
        checkId: 'kubernetes.probes',
        status: 'pass',
        message: PROBES_PASS,
        daysAgo: fixed.probes,
      },
    ];
    if (fixed.pdb !== undefined) {
      changes.push({
        entityRef,
        checkId: 'kubernetes.pdb',
        status: 'pass',
        message: PDB_PASS,
        daysAgo: fixed.pdb,
      });
    }
    return changes;
  });
}
