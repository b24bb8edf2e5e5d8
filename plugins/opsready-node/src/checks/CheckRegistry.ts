import { ConflictError } from '@backstage/errors';
import { CheckDefinition } from './types';

/**
 * The checks in force: the built-in ones and those modules add. Ids are
 * unique; adding a taken id throws instead of silently replacing a check.
 *
 * @public
 */
export class CheckRegistry {
  readonly #checks = new Map<string, CheckDefinition>();

  constructor(initial: Iterable<CheckDefinition> = []) {
    this.add(...initial);
  }

  add(...checks: CheckDefinition[]): void {
    for (const check of checks) {
      if (this.#checks.has(check.id)) {
        throw new ConflictError(
          `An OpsReady check with id '${check.id}' is already registered`,
        );
      }
      this.#checks.set(check.id, check);
    }
  }

  /** The checks in force, less those whose ids are disabled. */
  list(options: { disabled?: Iterable<string> } = {}): CheckDefinition[] {
    const disabled = new Set(options.disabled ?? []);
    return [...this.#checks.values()].filter(check => !disabled.has(check.id));
  }
}
