import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';

/** The header that names the demo user to sign in as. */
export const demoUserHeader = 'x-opsready-demo-user';

/**
 * Signs in as one of the demo users that auth.providers.demo.users lists,
 * named in a request header: the demo's way to be a payments engineer one
 * minute and a platform engineer the next, and see what each may do. Like
 * the guest provider it proves nothing about who is asking, so it refuses
 * to work outside development unless told otherwise.
 */
export const demoUsersAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    const users = new Set(
      config
        .getConfigArray('users')
        .map(user => user.getString('entityRef').toLocaleLowerCase('en-US')),
    );
    const allowed =
      process.env.NODE_ENV === 'development' ||
      config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true;
    return { users, allowed };
  },
  async authenticate({ req }, { users, allowed }) {
    if (!allowed) {
      throw new NotAllowedError(
        "The demo sign-in works only in development, unless 'auth.providers.demo.dangerouslyAllowOutsideDevelopment' is set",
      );
    }
    const asked = req.header(demoUserHeader)?.toLocaleLowerCase('en-US');
    if (!asked || !users.has(asked)) {
      // The header's value is not echoed back.
      throw new AuthenticationError(
        `The ${demoUserHeader} header must name one of auth.providers.demo.users`,
      );
    }
    return { result: { userEntityRef: asked } };
  },
});
