/**
 * Node selector matching (component-helpers scheduling/corev1/nodeaffinity), which kube-scheduler's
 * NodeAffinity and PodTopologySpread plugins, the DaemonSet controller and the kubelet's pod
 * admission all use, as upstream they share that package: nodeSelectorTerms are ORed, the
 * requirements inside a term ANDed, and a term with no requirements matches nothing.
 * `metadata.name` is the only field matchFields can name; Gt and Lt compare whole numbers.
 * RequiredNodeAffinity combines spec.nodeSelector with the required terms, as
 * GetRequiredNodeAffinity does.
 */

export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[] | undefined;
}

export interface NodeSelectorTerm {
  readonly matchExpressions?: readonly NodeSelectorRequirement[] | undefined;
  readonly matchFields?: readonly NodeSelectorRequirement[] | undefined;
}

/** What matching reads of a Node: its name and labels. */
export interface NodeLike {
  readonly metadata: {
    readonly name?: string | undefined;
    readonly labels?: Readonly<Record<string, string>> | undefined;
  };
}

/** What RequiredNodeAffinity reads of a Pod (null where the Go types have pointers). */
export interface PodLike {
  readonly spec?:
    | {
        readonly nodeSelector?:
          Readonly<Record<string, string>> | null | undefined;
        readonly affinity?:
          | {
              readonly nodeAffinity?:
                | {
                    readonly requiredDuringSchedulingIgnoredDuringExecution?:
                      | {
                          readonly nodeSelectorTerms: readonly NodeSelectorTerm[];
                        }
                      | null
                      | undefined;
                  }
                | null
                | undefined;
            }
          | null
          | undefined;
      }
    | null
    | undefined;
}

function requirementMatches(
  r: NodeSelectorRequirement,
  value: string | undefined,
): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
    case "Lt": {
      if (
        value === undefined ||
        values.length !== 1 ||
        !/^-?\d+$/.test(value) ||
        !/^-?\d+$/.test(values[0] as string)
      )
        return false;
      const lhs = BigInt(value);
      const rhs = BigInt(values[0] as string);
      return r.operator === "Gt" ? lhs > rhs : lhs < rhs;
    }
    default:
      return false;
  }
}

export function nodeSelectorTermMatches(
  term: NodeSelectorTerm,
  node: NodeLike,
): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs)
    if (
      !requirementMatches(
        r,
        Object.prototype.hasOwnProperty.call(labels, r.key)
          ? labels[r.key]
          : undefined,
      )
    )
      return false;
  for (const r of fields) {
    if (r.key !== "metadata.name") return false;
    if (!requirementMatches(r, node.metadata.name)) return false;
  }
  return true;
}

export function nodeSelectorTermsMatch(
  terms: readonly NodeSelectorTerm[],
  node: NodeLike,
): boolean {
  for (const t of terms) if (nodeSelectorTermMatches(t, node)) return true;
  return false;
}

/** nodeaffinity.RequiredNodeAffinity: spec.nodeSelector AND the required node affinity terms. */
export class RequiredNodeAffinity {
  private readonly labelSelector: Readonly<Record<string, string>> | undefined;
  private readonly terms: readonly NodeSelectorTerm[] | undefined;

  constructor(pod: PodLike) {
    const sel = pod.spec?.nodeSelector;
    this.labelSelector = sel && Object.keys(sel).length ? sel : undefined;
    this.terms =
      pod.spec?.affinity?.nodeAffinity
        ?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ??
      undefined;
  }

  match(node: NodeLike): boolean {
    if (this.labelSelector) {
      const labels = node.metadata.labels ?? {};
      for (const [k, v] of Object.entries(this.labelSelector))
        if (labels[k] !== v) return false;
    }
    if (this.terms !== undefined)
      return nodeSelectorTermsMatch(this.terms, node);
    return true;
  }
}
