import { dockerInstructions } from './dockerfileInstructions';
import { dockerBuild, finalUser } from './dockerfileStages';
import { dockerfile } from './testFacts';

describe('dockerInstructions', () => {
  it('joins continued lines and drops comments, also inside a continuation', () => {
    expect(
      dockerInstructions(
        dockerfile(
          '# syntax=docker/dockerfile:1',
          'FROM node:22 \\',
          '  # a comment inside',
          '  AS build',
          'run npm ci',
        ),
      ),
    ).toEqual([
      { keyword: 'FROM', args: 'node:22    AS build' },
      { keyword: 'RUN', args: 'npm ci' },
    ]);
  });

  it('honours the escape directive of Windows Dockerfiles', () => {
    expect(
      dockerInstructions(
        dockerfile(
          '# escape=`',
          'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022',
          'RUN dir c:\\ `',
          '  && echo done',
          'USER ContainerUser',
        ),
      ).map(i => i.keyword),
    ).toEqual(['FROM', 'RUN', 'USER']);
  });

  it('skips heredoc bodies', () => {
    expect(
      dockerInstructions(
        dockerfile(
          'FROM alpine:3.20',
          'RUN <<EOF',
          'USER root',
          'FROM evil:latest',
          'EOF',
          'USER app',
        ),
      ),
    ).toEqual([
      { keyword: 'FROM', args: 'alpine:3.20' },
      { keyword: 'RUN', args: '<<EOF' },
      { keyword: 'USER', args: 'app' },
    ]);
  });
});

describe('dockerBuild and finalUser', () => {
  it('reads stages, their names, their users and the global build arguments', () => {
    const build = dockerBuild(
      dockerInstructions(
        dockerfile(
          'ARG NODE_VERSION=22.11 DEBIAN="bookworm"',
          'ARG BASE',
          'FROM --platform=$BUILDPLATFORM node:${NODE_VERSION} AS build',
          'USER node',
          'ARG LOCAL=ignored',
          'FROM debian:${DEBIAN}-slim',
          'USER 10001:10001',
        ),
      ),
    );
    expect(build).toEqual({
      globalArgs: {
        NODE_VERSION: '22.11',
        DEBIAN: 'bookworm',
        BASE: undefined,
      },
      stages: [
        { from: 'node:${NODE_VERSION}', name: 'build', user: 'node' },
        { from: 'debian:${DEBIAN}-slim', user: '10001:10001' },
      ],
    });
    expect(finalUser(build.stages)).toBe('10001:10001');
  });

  it('inherits the user of the earlier stage the final stage builds on', () => {
    const { stages } = dockerBuild(
      dockerInstructions(
        dockerfile(
          'FROM node:22 AS Base',
          'USER node',
          'FROM base AS test',
          'FROM base',
        ),
      ),
    );
    expect(finalUser(stages)).toBe('node');
  });

  it('has no final user when no stage on its line sets one', () => {
    const { stages } = dockerBuild(
      dockerInstructions(
        dockerfile('FROM node:22 AS build', 'USER node', 'FROM node:22-slim'),
      ),
    );
    expect(finalUser(stages)).toBeUndefined();
  });
});
