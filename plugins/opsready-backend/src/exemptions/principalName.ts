import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';

/** Who made a change, as records name them: a user's entity ref or a service's subject. */
export function principalName(
  auth: Pick<AuthService, 'isPrincipal'>,
  credentials: BackstageCredentials,
): string {
  if (auth.isPrincipal(credentials, 'user')) {
    return credentials.principal.userEntityRef;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return credentials.principal.subject;
  }
  return 'unknown';
}
