/**
 * The live demo fleet of the local portal.
 *
 * @packageDocumentation
 */
export {
  demoCluster,
  DEMO_NAMESPACE,
  type KubeObject,
} from './kubernetes/cluster';
export { startKubernetesApi, parseLabelSelector } from './kubernetes/apiServer';
