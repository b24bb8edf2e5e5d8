/*
 * The simulated repositories' history: each starts with one commit on
 * main, and every push adds one that makes a fix (see fleetModel.nextFix).
 * Tarballs are built when first asked for and kept per commit sha.
 */
import {
  AppliedFixes,
  commitSha,
  Fix,
  fleetRepositories,
  nextFix,
  OWNER,
  repositoryFiles,
  SimRepository,
} from './fleetModel';
import { gzippedTarball } from './tarball';

export interface PushResult {
  repo: string;
  sha: string;
  commit: number;
  fix: Fix;
  /** Service directories whose files changed ('.' for the repository root). */
  paths: string[];
  /** Catalog entities whose source location changed. */
  entityNames: string[];
}

export interface FleetEntry {
  repo: string;
  path: string;
  entityName: string;
  team: string;
  sourceUrl: string;
}

export interface Commit {
  number: number;
  sha: string;
  fixes: AppliedFixes;
  date: string;
}

// The first commit's date, fixed so that tarballs are the same every run.
const EPOCH = Date.parse('2026-01-05T09:00:00Z');

export class RepositoryHistory {
  readonly repositories: Map<string, SimRepository>;
  private readonly history = new Map<string, Commit[]>();
  private readonly bySha = new Map<string, { repo: string; commit: Commit }>();
  private readonly tarballs = new Map<string, Buffer>();

  constructor(count: number) {
    this.repositories = new Map(fleetRepositories(count).map(r => [r.name, r]));
  }

  private commitsOf(repo: string): Commit[] {
    let commits = this.history.get(repo);
    if (!commits) {
      const first: Commit = {
        number: 1,
        sha: commitSha(repo, 1),
        fixes: {},
        date: new Date(EPOCH).toISOString(),
      };
      commits = [first];
      this.history.set(repo, commits);
      this.bySha.set(first.sha, { repo, commit: first });
    }
    return commits;
  }

  /** The commit a branch name (main) or a sha names, if any. */
  resolveRef(repo: string, ref: string): Commit | undefined {
    const commits = this.commitsOf(repo);
    if (ref === 'main' || ref === 'HEAD') return commits[commits.length - 1];
    const found = this.bySha.get(ref);
    return found?.repo === repo ? found.commit : undefined;
  }

  tarballOf(repository: SimRepository, commit: Commit): Buffer {
    let bytes = this.tarballs.get(commit.sha);
    if (!bytes) {
      bytes = gzippedTarball({
        topFolder: `${OWNER}-${repository.name}-${commit.sha.slice(0, 7)}`,
        sha: commit.sha,
        files: repositoryFiles(repository, commit.fixes),
        mtime: Math.floor(Date.parse(commit.date) / 1000),
      });
      this.tarballs.set(commit.sha, bytes);
    }
    return bytes;
  }

  /** A new commit on main with the next fix; undefined if none is left. */
  push(repo: string, onlyPath?: string): PushResult | undefined {
    const repository = this.repositories.get(repo);
    if (!repository) return undefined;
    const commits = this.commitsOf(repo);
    const head = commits[commits.length - 1];
    const change = nextFix(repository, head.fixes, onlyPath);
    if (!change) return undefined;
    const fixes: AppliedFixes = {
      ...head.fixes,
      [change.path]: [...(head.fixes[change.path] ?? []), change.fix],
    };
    const number = head.number + 1;
    const commit: Commit = {
      number,
      sha: commitSha(repo, number),
      fixes,
      date: new Date().toISOString(),
    };
    commits.push(commit);
    this.bySha.set(commit.sha, { repo, commit });
    // The root CODEOWNERS is what every service of a single-service
    // repository reads; in a monorepo no service directory holds it.
    let touched = repository.services.filter(s => s.path === change.path);
    if (change.path === '.') {
      touched = repository.monorepo ? [] : repository.services;
    }
    return {
      repo,
      sha: commit.sha,
      commit: number,
      fix: change.fix,
      paths: [change.path],
      entityNames: touched.map(s => s.entityName),
    };
  }

  /** Every service, with its source location as the catalog writes it. */
  fleet(base: string): FleetEntry[] {
    return [...this.repositories.values()].flatMap(r =>
      r.services.map(s => ({
        repo: `${OWNER}/${r.name}`,
        path: s.path,
        entityName: s.entityName,
        team: s.team,
        // With the trailing slash, as the catalog writes it.
        sourceUrl: `${base}/${OWNER}/${r.name}/tree/main/${
          s.path ? `${s.path}/` : ''
        }`,
      })),
    );
  }
}
