import { parseCheckLocationFile } from './parseCheckLocationFile';

const TARGET = 'https://github.com/acme/policy/blob/main/checks.yaml';

describe('parseCheckLocationFile', () => {
  it('gives the items of the checks list', () => {
    expect(
      parseCheckLocationFile('checks:\n  - id: a\n  - id: b\n', TARGET),
    ).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('names the location and the line of text that is not YAML', () => {
    expect(() => parseCheckLocationFile('checks: [a,\n', TARGET)).toThrow(
      /^https:\/\/github\.com\/acme\/policy\/blob\/main\/checks\.yaml: not valid YAML: /,
    );
  });

  it('refuses a file without a checks list, a bare list included', () => {
    for (const text of ['- id: a\n', 'checks: {}\n', '', 'other: []\n']) {
      expect(() => parseCheckLocationFile(text, TARGET)).toThrow(
        `${TARGET}: checks: must be a list`,
      );
    }
  });
});
