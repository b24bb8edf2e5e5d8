export interface Config {
  auth?: {
    providers?: {
      /**
       * The demo sign-in (packages/backend/src/demoSignIn): the people the
       * sign-in page offers besides the guest. Development only, like the
       * guest provider.
       */
      demo?: {
        /** @deepVisibility frontend */
        users: Array<{
          /** The user's entity reference, e.g. user:default/alan.turing. */
          entityRef: string;
          /** What the sign-in page calls them. */
          title: string;
          /** What they may do, in a sentence. */
          description?: string;
        }>;
        /** Lets the demo sign-in work outside development. Do not. */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
