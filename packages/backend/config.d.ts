export interface Config {
  opsready?: {
    /** The local demo only (app-config.demo.yaml); never set elsewhere. */
    demo?: {
      /**
       * Backdates three weeks of check results of the demo's production
       * services at start-up, once, so that the demo campaign has a past.
       * Default false.
       */
      history?: boolean;
    };
  };
}
