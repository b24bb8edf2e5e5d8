import { dockerfileCheck, isDockerfile } from './dockerfileCheck';
import { dockerfile, evaluate, repository } from './testFacts';

const DIGEST = `sha256:${'0f'.repeat(32)}`;
const check = (files: Record<string, string>, listedOnly: string[] = []) =>
  evaluate(dockerfileCheck, repository(files, listedOnly));

describe('repository.dockerfile', () => {
  it('passes a pinned, non-root single-stage Dockerfile', () => {
    expect(
      check({
        Dockerfile: dockerfile(
          'FROM python:3.12-slim',
          'COPY . /app',
          'USER app',
          'CMD ["python", "/app/main.py"]',
        ),
      }),
    ).toEqual({
      status: 'pass',
      message:
        'Dockerfile runs as a non-root user (USER app) on pinned base images.',
      evidence: {
        dockerfiles: [
          {
            path: 'Dockerfile',
            status: 'pass',
            user: 'app',
            baseImages: ['python:3.12-slim'],
            problems: [],
            doubts: [],
          },
        ],
      },
    });
  });

  it('judges a multi-stage build by its final stage user, and pins every stage', () => {
    expect(
      check({
        Dockerfile: dockerfile(
          'FROM golang:1.22 AS build',
          'USER root',
          'RUN go build -o /cart',
          `FROM gcr.io/distroless/static@${DIGEST}`,
          'COPY --from=build /cart /cart',
          'USER 65532',
        ),
      }),
    ).toMatchObject({
      status: 'pass',
      message:
        'Dockerfile runs as a non-root user (USER 65532) on pinned base images.',
      evidence: {
        dockerfiles: [
          {
            baseImages: ['golang:1.22', `gcr.io/distroless/static@${DIGEST}`],
          },
        ],
      },
    });
  });

  it('fails a final stage that sets no USER, even when a build stage does', () => {
    expect(
      check({
        Dockerfile: dockerfile(
          'FROM node:22 AS build',
          'USER node',
          'FROM node:22-slim',
          'COPY --from=build /app /app',
        ),
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Dockerfile: the final stage sets no USER, so it runs as the base image user, root for most images.',
    });
  });

  it('passes a final stage that inherits a non-root user from a stage it builds on', () => {
    expect(
      check({
        Dockerfile: dockerfile(
          'FROM node:22.11 AS base',
          'USER node',
          'FROM base',
          'CMD ["node", "index.js"]',
        ),
      }),
    ).toMatchObject({
      status: 'pass',
      evidence: { dockerfiles: [{ user: 'node', baseImages: ['node:22.11'] }] },
    });
  });

  it.each(['root', '0', '0:0', 'root:staff', 'ContainerAdministrator'])(
    'fails a final stage running as %s',
    user => {
      expect(
        check({ Dockerfile: dockerfile('FROM alpine:3.20', `USER ${user}`) }),
      ).toMatchObject({
        status: 'fail',
        message: `Dockerfile: the final stage runs as root (USER ${user}).`,
      });
    },
  );

  it('fails a final stage that sets a user and goes back to root', () => {
    expect(
      check({
        Dockerfile: dockerfile('FROM alpine:3.20', 'USER app', 'USER root'),
      }).status,
    ).toBe('fail');
  });

  it('accepts a numeric uid above 0 and a named user with a group', () => {
    for (const user of ['1000', '10001:10001', 'nobody:nogroup']) {
      expect(
        check({ Dockerfile: dockerfile('FROM alpine:3.20', `USER ${user}`) })
          .status,
      ).toBe('pass');
    }
  });

  it('fails unpinned base images in any stage, saying why each is unpinned', () => {
    expect(
      check({
        Dockerfile: dockerfile(
          'FROM golang:latest AS build',
          'FROM debian',
          'USER 10001',
        ),
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Dockerfile: base image golang:latest is not pinned (latest); base image debian is not pinned (no tag).',
    });
  });

  it('accepts scratch and digest-pinned images', () => {
    expect(
      check({
        Dockerfile: dockerfile(
          `FROM golang@${DIGEST} AS build`,
          'FROM scratch',
          'COPY --from=build /cart /cart',
          'USER 65532',
        ),
      }).status,
    ).toBe('pass');
  });

  it('warns on a floating tag, which moves', () => {
    expect(
      check({ Dockerfile: dockerfile('FROM node:alpine', 'USER node') }),
    ).toMatchObject({
      status: 'warn',
      message:
        'Dockerfile: base image node:alpine is on a floating tag, which moves.',
    });
  });

  it('warns on a base image from a build argument, naming its default', () => {
    expect(
      check({
        Dockerfile: dockerfile(
          'ARG NODE_VERSION=22.11',
          'ARG BASE',
          'FROM node:${NODE_VERSION} AS build',
          'FROM ${BASE}',
          'USER node',
        ),
      }),
    ).toMatchObject({
      status: 'warn',
      message:
        'Dockerfile: base image node:${NODE_VERSION} comes from a build argument (default node:22.11), so its pinning depends on the build; base image ${BASE} comes from a build argument, so its pinning depends on the build.',
    });
  });

  it('fails a build argument whose default is unpinned', () => {
    expect(
      check({
        Dockerfile: dockerfile('ARG TAG=latest', 'FROM node:$TAG', 'USER node'),
      }),
    ).toMatchObject({
      status: 'fail',
      message:
        'Dockerfile: base image node:$TAG defaults to node:latest, which is not pinned.',
    });
  });

  it('warns on a USER from a build argument', () => {
    expect(
      check({ Dockerfile: dockerfile('FROM alpine:3.20', 'USER ${APP_UID}') }),
    ).toMatchObject({
      status: 'warn',
      message:
        "Dockerfile: the final stage's USER ${APP_UID} comes from a build argument, so whether it is root cannot be told.",
    });
  });

  it('fails a Dockerfile without FROM', () => {
    expect(check({ Dockerfile: '# empty\n' })).toMatchObject({
      status: 'fail',
      message: 'Dockerfile: it has no FROM instruction.',
    });
  });

  it('judges every Dockerfile, the worst giving the verdict and each failure named', () => {
    const outcome = check({
      Dockerfile: dockerfile('FROM node:22.11', 'USER node'),
      'Dockerfile.dev': dockerfile('FROM node:22.11'),
      'worker/Dockerfile': dockerfile('FROM node:alpine', 'USER node'),
    });
    expect(outcome).toMatchObject({
      status: 'fail',
      message:
        'Dockerfile.dev: the final stage sets no USER, so it runs as the base image user, root for most images.',
    });
    expect(
      (
        outcome.evidence!.dockerfiles as Array<{ path: string; status: string }>
      ).map(d => [d.path, d.status]),
    ).toEqual([
      ['Dockerfile', 'pass'],
      ['Dockerfile.dev', 'fail'],
      ['worker/Dockerfile', 'warn'],
    ]);
  });

  it('names every passing Dockerfile', () => {
    expect(
      check({
        Dockerfile: dockerfile('FROM node:22.11', 'USER node'),
        'worker/Containerfile': dockerfile('FROM python:3.12', 'USER 1000'),
      }).message,
    ).toBe(
      'Dockerfile, worker/Containerfile run as a non-root user (USER node, 1000) on pinned base images.',
    );
  });

  it('is unknown when the Dockerfile was listed but not read', () => {
    expect(check({}, ['Dockerfile'])).toMatchObject({
      status: 'unknown',
      message: 'Dockerfile was found but not read, so it could not be checked.',
    });
  });

  it('fails without a Dockerfile', () => {
    expect(check({ 'README.md': '# cart' })).toEqual({
      status: 'fail',
      message:
        'No Dockerfile was found in the repository; add one that builds the service on pinned base images and runs it as a non-root user.',
    });
  });

  it('is unknown without the repository, and says so', () => {
    expect(evaluate(dockerfileCheck)).toEqual({
      status: 'unknown',
      message:
        'The repository was not read (no source location, or it could not be fetched), so the Dockerfile could not be checked.',
    });
  });
});

describe('isDockerfile', () => {
  it.each([
    'Dockerfile',
    'src/cart/Dockerfile',
    'Dockerfile.prod',
    'Containerfile',
  ])('takes %s for a Dockerfile', path =>
    expect(isDockerfile(path)).toBe(true),
  );

  it.each([
    'Dockerfile.dockerignore',
    '.dockerignore',
    'docs/Dockerfiles.md',
    'MyDockerfile',
  ])('does not take %s for one', path =>
    expect(isDockerfile(path)).toBe(false),
  );
});
