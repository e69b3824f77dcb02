/**
 * framework.CycleState: per-pod, per-cycle data plugins hand from one extension point to the next
 * (PreFilter computes, Filter reads). Keys are the plugin's own (`PreFilterNodeResourcesFit`).
 */
export class CycleState {
  private readonly storage = new Map<string, unknown>();
  /** Plugins whose PreScore returned Skip: their Score is not run for this pod. */
  readonly skipScorePlugins = new Set<string>();
  /** Plugins whose PreFilter returned Skip: their Filter is not run. */
  readonly skipFilterPlugins = new Set<string>();
  /**
   * skipFilterPlugins as a flag per Filter plugin of the framework, made on the first Filter
   * call of the cycle (the framework's runFilterPlugins), and the set's size it was made for.
   */
  filterSkipFlags: readonly boolean[] | null = null;
  filterSkipFlagsFor = 0;

  write(key: string, value: unknown): void {
    this.storage.set(key, value);
  }

  /** Reads a value; the caller names the type it wrote. Undefined when absent. */
  read<T>(key: string): T | undefined {
    return this.storage.get(key) as T | undefined;
  }

  delete(key: string): void {
    this.storage.delete(key);
  }

  /** A copy for what-if runs (preemption): values are shared, the map is not. */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.storage) c.storage.set(k, v);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    return c;
  }
}
