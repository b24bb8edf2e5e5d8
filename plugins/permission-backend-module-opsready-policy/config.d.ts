export interface Config {
  opsready?: {
    permissions?: {
      /**
       * The groups whose members grant, decline and revoke exemptions, and
       * may do on every entity what its owners may do on theirs. Entity
       * references; a bare name means a group in the default namespace,
       * e.g. `platform` is `group:default/platform`. Default: none.
       */
      platformGroups?: string[];
    };
  };
}
