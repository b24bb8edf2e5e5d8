import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  configApiRef,
  IdentityApi,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';

/** Where the chosen identity is kept, so that a reload stays signed in. */
export const chosenIdentityKey = 'opsready:sign-in-as';

/** The header the demo auth provider reads (packages/backend/src/demoSignIn). */
const demoUserHeader = 'x-opsready-demo-user';

export type DemoUser = {
  entityRef: string;
  title: string;
  description?: string;
};

type Choice = { provider: 'guest' } | { provider: 'demo'; entityRef: string };

function readChoice(): Choice | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(chosenIdentityKey) ?? '');
    if (stored?.provider === 'guest') return { provider: 'guest' };
    if (stored?.provider === 'demo' && typeof stored.entityRef === 'string') {
      return { provider: 'demo', entityRef: stored.entityRef };
    }
  } catch {
    // Nothing stored, or something unreadable: ask again.
  }
  return undefined;
}

/** Signing out forgets the choice, so that the next visit asks again. */
function forgettingOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(chosenIdentityKey);
      await identity.signOut();
    },
  };
}

/**
 * The demo's sign-in page: enter as a guest, or as one of the demo
 * organisation's people (auth.providers.demo.users) to see what an owner or
 * a platform engineer may do. Both are development-only providers of the
 * auth backend; the page only chooses which one to ask.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const users: DemoUser[] = (
    config.getOptionalConfigArray('auth.providers.demo.users') ?? []
  ).map(user => ({
    entityRef: user.getString('entityRef'),
    title: user.getString('title'),
    description: user.getOptionalString('description'),
  }));
  const [choice, setChoice] = useState<Choice | undefined>(readChoice);
  const [failure, setFailure] = useState<string>();

  const choose = (next: Choice) => {
    localStorage.setItem(chosenIdentityKey, JSON.stringify(next));
    setFailure(undefined);
    setChoice(next);
  };

  if (choice) {
    return (
      <ProxiedSignInPage
        {...props}
        provider={choice.provider}
        headers={
          choice.provider === 'demo'
            ? { [demoUserHeader]: choice.entityRef }
            : undefined
        }
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgettingOnSignOut(identity))
        }
        ErrorComponent={({ error }) => (
          <ForgetAndAskAgain
            error={error}
            onForget={message => {
              localStorage.removeItem(chosenIdentityKey);
              setFailure(message);
              setChoice(undefined);
            }}
          />
        )}
      />
    );
  }

  return (
    <Page themeId="home">
      <Header title={config.getOptionalString('app.title') ?? 'Backstage'} />
      <Content>
        {failure && (
          <Typography color="error" role="alert" paragraph>
            {failure}
          </Typography>
        )}
        <Grid container spacing={3}>
          {users.map(user => (
            <Grid item xs={12} sm={6} md={4} key={user.entityRef}>
              <InfoCard
                title={user.title}
                subheader={user.entityRef}
                variant="fullHeight"
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() =>
                      choose({ provider: 'demo', entityRef: user.entityRef })
                    }
                  >
                    Sign in as {user.title}
                  </Button>
                }
              >
                <Typography variant="body1">{user.description}</Typography>
              </InfoCard>
            </Grid>
          ))}
          <Grid item xs={12} sm={6} md={4}>
            <InfoCard
              title="Guest"
              variant="fullHeight"
              actions={
                <Button
                  color="primary"
                  variant="outlined"
                  onClick={() => choose({ provider: 'guest' })}
                >
                  Enter
                </Button>
              }
            >
              <Typography variant="body1">
                Look around: read every service, its checks, deployments and
                errors. Acting on a service takes its owners or the platform
                team.
              </Typography>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

function ForgetAndAskAgain(props: {
  error?: Error;
  onForget: (message: string) => void;
}) {
  const { error, onForget } = props;
  // After the render: the parent forgets the choice and shows the choices.
  useEffect(
    () => onForget(`Could not sign in: ${error?.message ?? 'unknown error'}`),
    [error, onForget],
  );
  return null;
}
