import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import {
  edited,
  entities,
  fixture,
  makeApp,
  sendGitHub,
} from './__testUtils__/webhooksApp';

// Push payloads from @octokit/webhooks-examples 7.6.1 (GitHub's own examples).
describe('POST /webhooks/github, push events', () => {
  function appWithPushes(refreshing: string[]) {
    const accept = jest.fn(async () => refreshing);
    return { ...makeApp(undefined, entities, { pushes: { accept } }), accept };
  }

  it('re-reads the pushed repository at its branch, and lists what it refreshes', async () => {
    const { app, accept } = appWithPushes([
      'https://github.com/Codertocat/Hello-World/tree/master',
    ]);
    const res = await sendGitHub(
      await specCheckedServer(app),
      'push',
      fixture('github/push.payload.json'),
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      refreshing: ['https://github.com/Codertocat/Hello-World/tree/master'],
      skipped: [],
    });
    expect(accept).toHaveBeenCalledWith({
      host: 'github.com',
      repository: 'Codertocat/Hello-World',
      branch: 'master',
      defaultBranch: 'master',
    });
  });

  it('says so when no component is read from the pushed branch', async () => {
    const { app } = appWithPushes([]);
    const res = await sendGitHub(
      app,
      'push',
      fixture('github/push.payload.json'),
    );
    expect(res.status).toBe(202);
    expect(res.body.skipped).toEqual([
      {
        item: 'push',
        reason: 'No component is read from Codertocat/Hello-World at master',
      },
    ]);
  });

  it('passes over tags and deleted branches', async () => {
    const { app, accept } = appWithPushes(['x']);
    const tag = await sendGitHub(
      app,
      'push',
      fixture('github/push.tag.payload.json'),
    );
    expect(tag.body.skipped).toEqual([
      { item: 'push', reason: 'refs/tags/simple-tag is not a branch' },
    ]);
    const deleted = await sendGitHub(
      app,
      'push',
      edited('github/push.payload.json', p => {
        p.deleted = true;
      }),
    );
    expect(deleted.body.skipped).toEqual([
      { item: 'push', reason: 'refs/heads/master was deleted' },
    ]);
    expect(accept).not.toHaveBeenCalled();
  });

  it('answers 400 naming what a push lacks, and 401 for a bad signature', async () => {
    const { app } = appWithPushes([]);
    const res = await sendGitHub(
      app,
      'push',
      edited('github/push.payload.json', p => {
        delete p.repository.full_name;
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('repository.full_name');
    const unsigned = await sendGitHub(
      app,
      'push',
      fixture('github/push.payload.json'),
      'sha256=00',
    );
    expect(unsigned.status).toBe(401);
  });
});
