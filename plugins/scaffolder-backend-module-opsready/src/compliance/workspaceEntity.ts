import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/**
 * The Component a rendered catalog-info.yaml declares. The file may hold
 * other entities beside it (the API it provides, say); exactly one
 * Component is expected, since that is what the checks judge.
 */
export async function readComponentEntity(
  path: string,
  shownAs: string,
): Promise<Entity> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InputError(
        `${shownAs} does not exist in the workspace; render the skeleton (fetch:template) before verifying`,
      );
    }
    throw error;
  }
  const entities: Entity[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      throw new InputError(
        `${shownAs} is not valid YAML: ${document.errors[0].message}`,
      );
    }
    const value = document.toJS() as Entity | null;
    if (value && typeof value === 'object' && value.kind === 'Component') {
      entities.push(value);
    }
  }
  if (entities.length !== 1) {
    throw new InputError(
      `${shownAs} must declare exactly one Component entity; it declares ${entities.length}`,
    );
  }
  const [entity] = entities;
  if (typeof entity.metadata?.name !== 'string') {
    throw new InputError(`The Component in ${shownAs} has no metadata.name`);
  }
  return entity;
}
