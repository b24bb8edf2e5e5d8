import { repositoryLocationOf } from './repositoryLocation';

describe('repositoryLocationOf', () => {
  it('puts every service of a monorepo in the one repository at its ref', () => {
    const cart = repositoryLocationOf(
      'https://github.com/acme/shop/tree/main/services/cart/',
    );
    const checkout = repositoryLocationOf(
      'https://github.com/acme/shop/tree/main/services/checkout',
    );
    expect(cart).toEqual({
      url: 'https://github.com/acme/shop/tree/main',
      host: 'github.com',
      repository: 'acme/shop',
      ref: 'main',
      subpath: 'services/cart',
    });
    expect(checkout?.url).toBe(cart?.url);
    expect(checkout?.subpath).toBe('services/checkout');
  });

  it('tells refs of one repository apart', () => {
    expect(
      repositoryLocationOf('https://github.com/acme/shop/tree/release/a')?.url,
    ).not.toBe(
      repositoryLocationOf('https://github.com/acme/shop/tree/main/a')?.url,
    );
  });

  it('keeps the port in the host, which budgets are kept by', () => {
    expect(
      repositoryLocationOf('http://127.0.0.1:7000/bench/repo-1/tree/main/'),
    ).toMatchObject({
      url: 'http://127.0.0.1:7000/bench/repo-1/tree/main',
      host: '127.0.0.1:7000',
      subpath: '',
    });
  });

  it('reads a GitLab tree URL', () => {
    expect(
      repositoryLocationOf('https://gitlab.com/g/sub/r/-/tree/main/svc'),
    ).toMatchObject({
      url: 'https://gitlab.com/g/sub/r/-/tree/main',
      repository: 'g/sub/r',
      subpath: 'svc',
    });
  });

  it('reads a URL with a query alone rather than guess its root', () => {
    const url =
      'https://bitbucket.example.com/projects/P/repos/r/browse/svc?at=main';
    expect(repositoryLocationOf(url)).toMatchObject({ url, subpath: '' });
  });

  it('answers nothing for what is not a URL', () => {
    expect(repositoryLocationOf('not a url')).toBeUndefined();
  });
});
