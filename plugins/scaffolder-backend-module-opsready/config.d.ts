export interface Config {
  opsready?: {
    fixes?: {
      /**
       * Tier whose presets a fix uses when neither the entity nor its
       * workloads declare one (opsready.io/tier). Default: standard
       */
      defaultTier?: string;
      /**
       * Resource values, replicas and disruption budgets by tier, over the
       * built-in presets of critical, standard and best-effort. A fix never
       * invents these: a tier with no presets is refused.
       */
      presets?: {
        [tier: string]: {
          replicas?: number;
          maxReplicas?: number;
          minAvailable?: number;
          requests?: { cpu?: string; memory?: string };
          limits?: { cpu?: string; memory?: string };
        };
      };
    };
    scaffolder?: {
      publishLocal?: {
        /**
         * Directory on the backend host where `opsready:publish:local`
         * creates repositories, relative to the backend's working directory.
         * Default: .data/repositories
         */
        directory?: string;
      };
    };
  };
}
