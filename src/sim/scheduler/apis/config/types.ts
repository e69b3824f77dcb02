/**
 * The parts of KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) a framework is built
 * from: one profile's scheduler name, its plugins in MultiPoint order with their Score weights,
 * the per-plugin args, and percentageOfNodesToScore. Validation and the versioned YAML form
 * (`kubearch scheduler config`) are not here yet.
 */

export interface PluginRef {
  readonly name: string;
  /** Score weight; only Score plugins use it (upstream defaults an unset weight to 1). */
  readonly weight?: number;
}

export interface KubeSchedulerProfile {
  readonly schedulerName: string;
  /** MultiPoint: every extension point each plugin implements, in this order. */
  readonly plugins: readonly PluginRef[];
  /** pluginConfig[].args by plugin name. */
  readonly pluginConfig?: Readonly<Record<string, unknown>>;
  /**
   * plugins.score: the Score point's own enable/disable lists on top of MultiPoint, as upstream
   * merges them — `disabled: [{ name: '*' }]` turns off every MultiPoint Score plugin and
   * `enabled` names the ones to score with (and their weights).
   */
  readonly score?: { readonly enabled?: readonly PluginRef[]; readonly disabled?: readonly { readonly name: string }[] };
  /** 0 or undefined: the adaptive rule (50 - nodes/125 percent, at least 5%, at least 100 nodes). */
  readonly percentageOfNodesToScore?: number;
}

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
