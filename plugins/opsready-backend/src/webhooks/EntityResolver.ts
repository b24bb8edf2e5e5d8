import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@opsready/plugin-opsready-common';

/** Which entity a webhook payload is about, or why none could be chosen. */
export type EntityMatch = { entityRef: string } | { reason: string };

const FIELDS = ['kind', 'metadata.name', 'metadata.namespace'];

/**
 * Finds the catalog entity a webhook payload names, with the plugin's own
 * service credentials (the sender has none). Every lookup is bounded in
 * time: a slow catalog answers 503, which senders retry, rather than
 * leaving them to time out.
 */
export class EntityResolver {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #timeoutMs: number;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    timeoutMs: number;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#timeoutMs = options.timeoutMs;
  }

  /**
   * The entity whose annotation `key` holds one of `values`. Components win
   * over other kinds (a repository slug is often on its System or API too);
   * two candidates of the same rank are ambiguous.
   */
  async byAnnotation(key: string, values: string[]): Promise<EntityMatch> {
    const described = `annotation ${key}=${values.join(' or ')}`;
    const entities = await this.#lookup(`entities with ${described}`, () =>
      this.#getEntities({ [`metadata.annotations.${key}`]: values }),
    );
    return chooseOne(entities, described);
  }

  /**
   * The entity a label value names: a full or partial ref
   * (`component:default/cartservice`, `default/cartservice`) or a bare
   * Component name, which may live in any namespace.
   */
  async byRefOrName(value: string): Promise<EntityMatch> {
    if (/[:/]/.test(value)) {
      let ref: string;
      try {
        ref = stringifyEntityRef(
          parseEntityRef(value, {
            defaultKind: 'component',
            defaultNamespace: 'default',
          }),
        );
      } catch (error) {
        return { reason: `'${value}' is not an entity ref` };
      }
      const entity = await this.#lookup(`entity ${ref}`, async () => {
        const credentials = await this.#auth.getOwnServiceCredentials();
        return this.#catalog.getEntityByRef(ref, { credentials });
      });
      return entity
        ? { entityRef: normalizeEntityRef(entity) }
        : { reason: `no entity ${ref} in the catalog` };
    }
    const entities = await this.#lookup(`component ${value}`, () =>
      this.#getEntities({ kind: 'component', 'metadata.name': value }),
    );
    return chooseOne(entities, `component named ${value}`);
  }

  async #getEntities(filter: Record<string, string | string[]>) {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const { items } = await this.#catalog.getEntities(
      { filter, fields: FIELDS },
      { credentials },
    );
    return items;
  }

  async #lookup<T>(what: string, fn: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceUnavailableError(
              `The catalog did not answer within ${
                this.#timeoutMs
              } ms when looking up ${what}; send again later`,
            ),
          ),
        this.#timeoutMs,
      );
    });
    try {
      return await Promise.race([fn(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function chooseOne(entities: Entity[], described: string): EntityMatch {
  if (entities.length === 0) {
    return { reason: `no entity in the catalog has ${described}` };
  }
  const components = entities.filter(
    e => e.kind.toLocaleLowerCase('en-US') === 'component',
  );
  const candidates = components.length > 0 ? components : entities;
  const refs = candidates.map(e => normalizeEntityRef(e));
  if (refs.length > 1) {
    return {
      reason: `${refs.length} entities have ${described} (${refs
        .sort()
        .join(', ')}); OpsReady cannot tell which one this is about`,
    };
  }
  return { entityRef: refs[0] };
}
