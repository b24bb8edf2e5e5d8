import { EntityLink } from '@backstage/catalog-model';
import { docsCheck, isDocumentationLink } from './docsCheck';
import { component, evaluate } from './testFacts';

const withLinks = (...links: EntityLink[]) => ({
  entity: component({ metadata: { links } }),
});

describe('catalog.docs', () => {
  it('passes TechDocs', () => {
    expect(
      evaluate(docsCheck, {
        entity: component({
          metadata: { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
        }),
      }),
    ).toEqual({
      status: 'pass',
      message: 'Has TechDocs (backstage.io/techdocs-ref: dir:.).',
      evidence: { techdocsRef: 'dir:.' },
    });
  });

  it('passes a documentation link and names it', () => {
    expect(
      evaluate(
        docsCheck,
        withLinks(
          { url: 'https://grafana.example.com/d/cart', title: 'Dashboard' },
          { url: 'https://wiki.example.com/cart', title: 'Team wiki' },
        ),
      ),
    ).toEqual({
      status: 'pass',
      message: 'Documentation is linked at https://wiki.example.com/cart.',
      evidence: {
        links: [{ url: 'https://wiki.example.com/cart', title: 'Team wiki' }],
      },
    });
  });

  it('fails without TechDocs or a documentation link', () => {
    expect(
      evaluate(
        docsCheck,
        withLinks({ url: 'https://grafana.example.com', title: 'Dashboard' }),
      ),
    ).toEqual({
      status: 'fail',
      message:
        'No TechDocs and no documentation link; add the backstage.io/techdocs-ref annotation or a link titled Docs.',
      evidence: { linksChecked: 1 },
    });
    expect(evaluate(docsCheck).status).toBe('fail');
  });

  it('does not count a blank TechDocs annotation', () => {
    expect(
      evaluate(docsCheck, {
        entity: component({
          metadata: { annotations: { 'backstage.io/techdocs-ref': ' ' } },
        }),
      }).status,
    ).toBe('fail');
  });
});

describe('isDocumentationLink', () => {
  it.each<[string, EntityLink]>([
    ['the docs icon', { url: 'https://example.com/x', icon: 'docs' }],
    [
      'a title with "docs"',
      { url: 'https://x.example.com', title: 'API Docs' },
    ],
    ['a runbook', { url: 'https://x.example.com', title: 'Runbook' }],
    ['a readme', { url: 'https://x.example.com', title: 'README' }],
    ['a wiki', { url: 'https://x.example.com', title: 'Wiki' }],
    ['a /docs path', { url: 'https://example.com/docs/cart' }],
    ['a docs host', { url: 'https://docs.example.com/cart' }],
  ])('recognises %s', (_, link) => {
    expect(isDocumentationLink(link)).toBe(true);
  });

  it.each<[string, EntityLink]>([
    [
      'Docker Hub',
      { url: 'https://hub.docker.com/r/acme/cart', title: 'Docker Hub' },
    ],
    ['a dashboard', { url: 'https://grafana.example.com', title: 'Dashboard' }],
    ['a repository', { url: 'https://github.com/acme/cart', icon: 'github' }],
  ])('does not take %s for documentation', (_, link) => {
    expect(isDocumentationLink(link)).toBe(false);
  });
});
