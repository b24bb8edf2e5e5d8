/*
 * A loopback GitHub for the sweep benchmark, run as a child process (see
 * simulatorClient.ts) so that serving never shares an event loop with the
 * code measured. It serves the part of GitHub's REST API that Backstage's
 * GitHub URL reader uses, under /api/v3 as GitHub Enterprise does:
 *
 *   GET /repos/{owner}/{repo}                       the default branch
 *   GET /repos/{owner}/{repo}/commits/{ref}/status  the commit sha, archive_url
 *   GET /repos/{owner}/{repo}/commits/{ref}         the commit (sha media type too)
 *   GET /repos/{owner}/{repo}/tarball/{ref}         a gzipped tar of the commit
 *   GET /repos/{owner}/{repo}/contents/{path}?ref=  one file (raw media type)
 *   GET /rate_limit                                 the token's budget (free)
 *
 * with ETags (If-None-Match answers 304, which GitHub does not count against
 * the rate limit) and GitHub's rate-limit headers, per token. A control API
 * under /_sim/ gives the request counts, pushes commits and lists the fleet.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { OWNER, repositoryFiles } from './fleetModel';
import { RepositoryHistory } from './repositoryHistory';

export type { FleetEntry, PushResult } from './repositoryHistory';

export type RequestKind =
  | 'status'
  | 'repo'
  | 'commit'
  | 'tarball'
  | 'contents'
  | 'other';

export interface SimStats {
  requests: Record<RequestKind, number>;
  /** Requests answered 304 because their If-None-Match still held. */
  notModified: number;
  /** Requests refused with 403 because the token's budget was spent. */
  rateLimited: number;
  /** Bytes of tarballs sent (gzipped). */
  tarballBytes: number;
}

function emptyStats(): SimStats {
  return {
    requests: {
      status: 0,
      repo: 0,
      commit: 0,
      tarball: 0,
      contents: 0,
      other: 0,
    },
    notModified: 0,
    rateLimited: 0,
    tarballBytes: 0,
  };
}

export function createSimulator(options: {
  repositories: number;
  rateLimit: number;
  rateWindowSeconds: number;
}) {
  const history = new RepositoryHistory(options.repositories);
  const repositories = history.repositories;
  let stats = emptyStats();
  let limit = options.rateLimit;
  let windowSeconds = options.rateWindowSeconds;
  const budgets = new Map<string, { used: number; reset: number }>();

  function tokenOf(req: http.IncomingMessage): string {
    const auth = req.headers.authorization ?? '';
    const match = auth.match(/^(?:token|bearer)\s+(.+)$/i);
    return match ? `token:${match[1]}` : 'anonymous';
  }

  /** Spends one request of the token's budget; false when none is left. */
  function spend(req: http.IncomingMessage, res: http.ServerResponse) {
    const token = tokenOf(req);
    const now = Math.floor(Date.now() / 1000);
    let budget = budgets.get(token);
    if (!budget || budget.reset <= now) {
      budget = { used: 0, reset: now + windowSeconds };
      budgets.set(token, budget);
    }
    // GitHub gives unauthenticated callers 60 requests an hour.
    const tokenLimit = token === 'anonymous' ? 60 : limit;
    const allowed = budget.used < tokenLimit;
    if (allowed) budget.used += 1;
    res.setHeader('x-ratelimit-limit', String(tokenLimit));
    res.setHeader(
      'x-ratelimit-remaining',
      String(Math.max(0, tokenLimit - budget.used)),
    );
    res.setHeader('x-ratelimit-used', String(budget.used));
    res.setHeader('x-ratelimit-reset', String(budget.reset));
    res.setHeader('x-ratelimit-resource', 'core');
    return allowed;
  }

  function json(res: http.ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  /** Answers 304 when the caller's If-None-Match still holds. */
  function notModified(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    etag: string,
  ): boolean {
    res.setHeader('etag', etag);
    const condition = req.headers['if-none-match'];
    if (condition && condition.split(/\s*,\s*/).includes(etag)) {
      stats.notModified += 1;
      res.writeHead(304);
      res.end();
      return true;
    }
    return false;
  }

  function api(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    base: string,
  ) {
    const path = url.pathname.slice('/api/v3'.length);
    if (path === '/rate_limit') {
      const budget = budgets.get(tokenOf(req));
      const used = budget?.used ?? 0;
      const core = {
        limit,
        used,
        remaining: limit - used,
        reset: budget?.reset ?? 0,
      };
      json(res, 200, { resources: { core }, rate: core });
      return;
    }
    const match = path.match(
      /^\/repos\/([^/]+)\/([^/]+)(?:\/(commits|tarball|contents)(?:\/(.*))?)?$/,
    );
    const repository =
      match && match[1] === OWNER ? repositories.get(match[2]) : undefined;
    const section = match?.[3];
    const rest = match?.[4] ?? '';
    let kind: RequestKind = 'other';
    if (repository && !section) kind = 'repo';
    else if (repository && section === 'commits') {
      kind = rest.endsWith('/status') ? 'status' : 'commit';
    } else if (repository && section === 'tarball') kind = 'tarball';
    else if (repository && section === 'contents') kind = 'contents';
    stats.requests[kind] += 1;

    // A 304 costs nothing, so the condition is looked at before the budget;
    // GitHub does the same for authorized requests.
    const fullName = repository ? `${OWNER}/${repository.name}` : '';
    const repoJson = repository && {
      id: 1_000_000 + Number(repository.name.slice(5)),
      name: repository.name,
      full_name: fullName,
      private: false,
      owner: { login: OWNER, type: 'Organization' },
      html_url: `${base}/${fullName}`,
      url: `${base}/api/v3/repos/${fullName}`,
      archive_url: `${base}/api/v3/repos/${fullName}/{archive_format}{/ref}`,
      trees_url: `${base}/api/v3/repos/${fullName}/git/trees{/sha}`,
      default_branch: 'main',
    };
    const notFound = () =>
      json(res, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
        status: '404',
      });

    if (kind === 'other' || !repository) {
      if (!spend(req, res)) {
        rateLimited(res);
        return;
      }
      notFound();
      return;
    }
    if (kind === 'repo') {
      const etag = `W/"${createHash('sha1')
        .update(JSON.stringify(repoJson))
        .digest('hex')}"`;
      if (notModified(req, res, etag)) return;
      if (!spend(req, res)) {
        rateLimited(res);
        return;
      }
      json(res, 200, repoJson);
      return;
    }
    const ref = kind === 'status' ? rest.slice(0, -'/status'.length) : rest;
    const commit =
      kind === 'contents'
        ? history.resolveRef(
            repository.name,
            url.searchParams.get('ref') ?? 'main',
          )
        : history.resolveRef(repository.name, ref);
    if (!commit) {
      if (!spend(req, res)) {
        rateLimited(res);
        return;
      }
      notFound();
      return;
    }
    if (kind === 'status' || kind === 'commit') {
      const body =
        kind === 'status'
          ? {
              state: 'success',
              statuses: [],
              sha: commit.sha,
              total_count: 0,
              repository: repoJson,
              commit_url: `${base}/api/v3/repos/${fullName}/commits/${commit.sha}`,
              url: `${base}/api/v3/repos/${fullName}/commits/${commit.sha}/status`,
            }
          : {
              sha: commit.sha,
              commit: {
                message: `Commit ${commit.number}`,
                author: { date: commit.date },
              },
            };
      const etag = `W/"${createHash('sha1')
        .update(JSON.stringify(body))
        .digest('hex')}"`;
      if (notModified(req, res, etag)) return;
      if (!spend(req, res)) {
        rateLimited(res);
        return;
      }
      if ((req.headers.accept ?? '').includes('application/vnd.github.sha')) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(commit.sha);
        return;
      }
      json(res, 200, body);
      return;
    }
    if (kind === 'tarball') {
      if (notModified(req, res, `"${commit.sha}"`)) return;
      if (!spend(req, res)) {
        rateLimited(res);
        return;
      }
      const bytes = history.tarballOf(repository, commit);
      stats.tarballBytes += bytes.length;
      res.writeHead(200, {
        'content-type': 'application/x-gzip',
        'content-length': bytes.length,
        'content-disposition': `attachment; filename=${OWNER}-${
          repository.name
        }-${commit.sha.slice(0, 7)}.tar.gz`,
      });
      res.end(bytes);
      return;
    }
    // contents: one file, raw when asked for raw, as the URL reader does.
    const text = repositoryFiles(repository, commit.fixes)[
      decodeURIComponent(rest)
    ];
    if (text === undefined) {
      if (!spend(req, res)) {
        rateLimited(res);
        return;
      }
      notFound();
      return;
    }
    const etag = `"${createHash('sha1').update(text).digest('hex')}"`;
    if (notModified(req, res, etag)) return;
    if (!spend(req, res)) {
      rateLimited(res);
      return;
    }
    if ((req.headers.accept ?? '').includes('raw')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
      return;
    }
    json(res, 200, {
      type: 'file',
      path: decodeURIComponent(rest),
      sha: etag.slice(1, -1),
      encoding: 'base64',
      content: Buffer.from(text).toString('base64'),
    });
  }

  function rateLimited(res: http.ServerResponse) {
    stats.rateLimited += 1;
    res.setHeader('x-ratelimit-remaining', '0');
    json(res, 403, {
      message:
        'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      status: '403',
    });
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    let text = '';
    for await (const chunk of req) {
      text += chunk;
      if (text.length > 10_000) throw new Error('body too large');
    }
    return text;
  }

  async function control(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    base: string,
  ) {
    const path = url.pathname;
    if (req.method === 'GET' && path === '/_sim/stats') {
      json(res, 200, stats);
      return;
    }
    if (req.method === 'POST' && path === '/_sim/stats/reset') {
      stats = emptyStats();
      json(res, 200, stats);
      return;
    }
    if (req.method === 'GET' && path === '/_sim/fleet') {
      json(res, 200, history.fleet(base));
      return;
    }
    if (req.method === 'POST' && path === '/_sim/rate-limit') {
      const body = JSON.parse((await readBody(req)) || '{}');
      const newLimit = Number(body.limit ?? limit);
      const newWindow = Number(body.windowSeconds ?? windowSeconds);
      if (!(newLimit >= 0) || !(newWindow > 0)) {
        json(res, 400, {
          error: 'limit must be a number >= 0 and windowSeconds one > 0',
        });
        return;
      }
      limit = newLimit;
      windowSeconds = newWindow;
      budgets.clear();
      json(res, 200, { limit, windowSeconds });
      return;
    }
    const pushed = path.match(/^\/_sim\/push\/([^/]+)\/([^/]+)$/);
    if (req.method === 'POST' && pushed) {
      if (pushed[1] !== OWNER || !repositories.has(pushed[2])) {
        json(res, 404, { error: `No repository ${pushed[1]}/${pushed[2]}` });
        return;
      }
      const result = history.push(
        pushed[2],
        url.searchParams.get('path') ?? undefined,
      );
      if (!result) {
        json(res, 400, {
          error: `Nothing left to change in ${pushed[1]}/${pushed[2]}${
            url.searchParams.has('path')
              ? ` at path '${url.searchParams.get('path')}'`
              : ''
          }`,
        });
        return;
      }
      json(res, 200, result);
      return;
    }
    json(res, 404, { error: `No control route ${req.method} ${path}` });
  }

  const server = http.createServer((req, res) => {
    const base = `http://${req.headers.host}`;
    const url = new URL(req.url ?? '/', base);
    const handle = async () => {
      if (url.pathname.startsWith('/_sim/')) {
        await control(req, res, url, base);
      } else if (url.pathname.startsWith('/api/v3/') && req.method === 'GET') {
        api(req, res, url, base);
      } else {
        stats.requests.other += 1;
        json(res, 404, { message: 'Not Found' });
      }
    };
    handle().catch(error => {
      if (!res.headersSent) json(res, 400, { error: String(error) });
      else res.destroy();
    });
  });
  // Idle keep-alive sockets of the measured process must not pile up.
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 30_000;
  return server;
}

async function main() {
  const server = createSimulator({
    repositories: Number(process.env.REPOS ?? 2000),
    rateLimit: Number(process.env.SIM_RATE_LIMIT ?? 5000),
    rateWindowSeconds: Number(process.env.SIM_RATE_WINDOW_SECONDS ?? 3600),
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  process.send?.({ port: (server.address() as AddressInfo).port });
  // Ends with the process that started it.
  process.on('disconnect', () => process.exit(0));
}

if (require.main === module) {
  main().catch(error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
