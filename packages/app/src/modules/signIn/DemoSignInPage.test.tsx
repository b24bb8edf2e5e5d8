import { IdentityApi } from '@backstage/core-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { chosenIdentityKey, DemoSignInPage } from './DemoSignInPage';

const config = {
  backend: { baseUrl: 'http://localhost:7007' },
  auth: {
    providers: {
      demo: {
        users: [
          {
            entityRef: 'user:default/alan.turing',
            title: 'Alan Turing, payments',
            description: 'Owns the payment services.',
          },
        ],
      },
    },
  },
};

// A token as the auth backend issues it: only its expiry is read here.
const token = [
  'header',
  btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 })),
  'signature',
].join('.');

const session = (userEntityRef: string) => ({
  profile: { displayName: userEntityRef },
  backstageIdentity: {
    token,
    identity: {
      type: 'user',
      userEntityRef,
      ownershipEntityRefs: [userEntityRef],
    },
  },
});

describe('DemoSignInPage', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
    localStorage.clear();
  });

  it('signs in as the demo user chosen, remembers the choice, and forgets it on sign-out', async () => {
    const fetchMock = jest.fn(
      async (_url: string, _init: RequestInit) =>
        new Response(JSON.stringify(session('user:default/alan.turing')), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    global.fetch = fetchMock as any;
    let signedIn: IdentityApi | undefined;
    await renderInTestApp(
      <DemoSignInPage onSignInSuccess={identity => (signedIn = identity)} />,
      { config },
    );

    expect(screen.getByText('Owns the payment services.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeVisible();
    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as Alan Turing, payments' }),
    );

    await waitFor(() => expect(signedIn).toBeDefined());
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toMatch(/\/auth\/demo\/refresh$/);
    expect(new Headers(init.headers).get('x-opsready-demo-user')).toBe(
      'user:default/alan.turing',
    );
    expect(await signedIn!.getBackstageIdentity()).toMatchObject({
      userEntityRef: 'user:default/alan.turing',
    });
    expect(JSON.parse(localStorage.getItem(chosenIdentityKey)!)).toEqual({
      provider: 'demo',
      entityRef: 'user:default/alan.turing',
    });

    await signedIn!.signOut();
    expect(localStorage.getItem(chosenIdentityKey)).toBeNull();
  });

  it('enters as the guest through the guest provider', async () => {
    const fetchMock = jest.fn(
      async (_url: string, _init: RequestInit) =>
        new Response(JSON.stringify(session('user:development/guest'))),
    );
    global.fetch = fetchMock as any;
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <DemoSignInPage onSignInSuccess={onSignInSuccess} />,
      { config },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Enter' }));
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    expect(fetchMock.mock.calls[0][0]).toMatch(/\/auth\/guest\/refresh$/);
  });

  it('asks again, saying why, when the sign-in fails', async () => {
    global.fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: { name: 'AuthenticationError', message: 'no' },
          }),
          { status: 401, statusText: 'Unauthorized' },
        ),
    ) as any;
    localStorage.setItem(
      chosenIdentityKey,
      JSON.stringify({ provider: 'demo', entityRef: 'user:default/gone' }),
    );
    await renderInTestApp(<DemoSignInPage onSignInSuccess={jest.fn()} />, {
      config,
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Could not sign in: /,
    );
    expect(
      screen.getByRole('button', { name: 'Sign in as Alan Turing, payments' }),
    ).toBeVisible();
    expect(localStorage.getItem(chosenIdentityKey)).toBeNull();
  });
});
