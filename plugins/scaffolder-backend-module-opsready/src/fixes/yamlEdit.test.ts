import { InputError } from '@backstage/errors';
import { isMap, isSeq, YAMLMap } from 'yaml';
import {
  addMissing,
  addToMap,
  appendDocument,
  appendToSeq,
  editedText,
  parseYamlFile,
  replaceScalar,
} from './yamlEdit';

function edit(
  text: string,
  change: (root: YAMLMap, file: ReturnType<typeof parseYamlFile>) => void,
) {
  const file = parseYamlFile('k8s/app.yaml', text);
  const root = file.documents[0].document.contents;
  if (!isMap(root)) {
    throw new Error('not a mapping');
  }
  change(root, file);
  return editedText(file);
}

describe('yamlEdit', () => {
  it('adds keys below the last entry, in the mapping’s own indentation, keeping comments', () => {
    const text =
      'spec:\n    # the image\n    image: app:1 # pinned\n    ports: [80]\nother: x\n';
    expect(
      edit(text, (root, file) =>
        addMissing(file, root, {
          spec: { image: 'ignored', resources: { cpu: '1' } },
        }),
      ),
    ).toBe(
      'spec:\n    # the image\n    image: app:1 # pinned\n    ports: [80]\n    resources:\n      cpu: "1"\nother: x\n',
    );
  });

  it('adds keys first, also to a mapping that is an item of a sequence', () => {
    const text = 'containers:\n- name: app\n  image: app:1\n';
    expect(
      edit(text, (root, file) => {
        const seq = root.get('containers', true);
        addToMap(
          file,
          (isSeq(seq) && seq.items[0]) as YAMLMap,
          { tty: true },
          { first: true },
        );
      }),
    ).toBe('containers:\n- tty: true\n  name: app\n  image: app:1\n');
  });

  it('rewrites a flow mapping as a flow mapping', () => {
    expect(
      edit('labels: { app: cart }\n', (root, file) =>
        addMissing(file, root, { labels: { tier: 'web' } }),
      ),
    ).toBe('labels: { app: cart, tier: web }\n');
  });

  it('fills in a key set to nothing where it stands', () => {
    expect(
      edit('limits:\n  cpu:\n  memory: 1Gi\n', (root, file) =>
        addMissing(file, root, { limits: { cpu: '500m', memory: '2Gi' } }),
      ),
    ).toBe('limits:\n  cpu: 500m\n  memory: 1Gi\n');
  });

  it('keeps the quotes of a string it replaces, and writes booleans bare', () => {
    expect(
      edit('image: "app:latest"\nroot: "true"\n', (root, file) => {
        replaceScalar(file, root.get('image', true) as any, 'app:1');
        replaceScalar(file, root.get('root', true) as any, false);
      }),
    ).toBe('image: "app:1"\nroot: false\n');
  });

  it('appends to block and flow sequences in their style', () => {
    expect(
      edit('a:\n  - X\nb: [NET_RAW]\n', (root, file) => {
        appendToSeq(file, root.get('a', true) as any, 'ALL');
        appendToSeq(file, root.get('b', true) as any, 'ALL');
      }),
    ).toBe('a:\n  - X\n  - ALL\nb: [ NET_RAW, ALL ]\n');
  });

  it('appends documents in the order made', () => {
    expect(
      edit('a: 1', (_, file) => {
        appendDocument(file, { b: 2 });
        appendDocument(file, { c: 3 });
      }),
    ).toBe('a: 1\n---\nb: 2\n---\nc: 3\n');
  });

  it('names the file and line of a document that does not parse', () => {
    expect(() =>
      parseYamlFile('k8s/app.yaml', 'a: 1\n---\nb: [\nc: d\n'),
    ).toThrow(InputError);
    expect(() =>
      parseYamlFile('k8s/app.yaml', 'a: 1\n---\nb: [\nc: d\n'),
    ).toThrow(/^k8s\/app\.yaml line 4 is not valid YAML/);
  });
});
