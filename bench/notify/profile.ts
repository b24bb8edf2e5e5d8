/*
 * Where the notifier's time goes: the time spent in each method of its
 * stores, its directory and the notification service, summed over calls.
 * Calls that overlap (the sends run 8 at a time) add up to more than the
 * wall time they took.
 */

export class Profile {
  private readonly totals = new Map<string, { calls: number; ms: number }>();

  /** Times every call of `methods` on `target`, as `label.method`. */
  wrap<T extends object>(label: string, target: T, methods: Array<keyof T>) {
    for (const method of methods) {
      const original = target[method] as unknown as (
        ...args: unknown[]
      ) => Promise<unknown>;
      const name = `${label}.${String(method)}`;
      (target as Record<keyof T, unknown>)[method] = async (
        ...args: unknown[]
      ) => {
        const started = performance.now();
        try {
          return await original.apply(target, args);
        } finally {
          this.add(name, performance.now() - started);
        }
      };
    }
    return target;
  }

  add(name: string, ms: number) {
    const total = this.totals.get(name) ?? { calls: 0, ms: 0 };
    total.calls += 1;
    total.ms += ms;
    this.totals.set(name, total);
  }

  reset() {
    this.totals.clear();
  }

  /** The methods that took time, longest first. */
  entries(minMs = 1): Array<{ name: string; calls: number; ms: number }> {
    return [...this.totals]
      .map(([name, t]) => ({ name, ...t }))
      .filter(t => t.ms >= minMs)
      .sort((a, b) => b.ms - a.ms);
  }
}
