export interface Config {
  opsready?: {
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
