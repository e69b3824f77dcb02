/**
 * The Node authorizer (`--authorization-mode=Node`), after kubernetes
 * plugin/pkg/auth/authorizer/node/node_authorizer.go. It only speaks for kubelets — users named
 * `system:node:<node>` in group `system:nodes` — and narrows what system:node's rules allow:
 *
 * - secrets, configmaps: get/list/watch of a single named object in a namespace, only when a pod
 *   bound to the node references it; PVCs, PVs, resource claims, volume attachments: get only,
 *   same condition; PVC status: update/patch, same condition;
 * - serviceaccounts/token: create, for service accounts of pods bound to the node;
 * - leases: get/create/update/patch/delete in kube-node-lease, only the node's own (create: any
 *   name, NodeRestriction admission checks it);
 * - csinodes: the node's own;
 * - with `authorizeNodeWithSelectors` (the AuthorizeNodeWithSelectors feature, on by default since
 *   1.32): nodes get/list/watch only its own Node (create/update/patch and status allowed, with
 *   NodeRestriction admission limiting them to its own), pods list/watch only with the field
 *   selector `spec.nodeName=<node>`, pod get only for pods bound to it;
 * - everything else: whatever the static node rules (system:node) allow.
 *
 * A denial is NoOpinion with upstream's reason (`no relationship found between node 'node-1' and
 * this object`), so RBAC still gets its say; the union joins the reasons into the 403 message.
 * Own-object checks on writes (a node updating another node's status, a pod bound elsewhere) are
 * NodeRestriction admission's job, not this authorizer's, as upstream.
 */
import { NODE_USER_PREFIX } from '../../authentication/x509';
import type { PolicyRule } from 'kubernetes-types/rbac/v1';
import { NODES_GROUP, type AuthorizationAttributes, type AuthorizationResult, type Authorizer, type UserInfo } from '../../request-types';
import { goQuote } from '../../../api/field-errors';
import { nodeRules } from '../rbac/bootstrap-policy';
import { rulesAllow } from '../rbac/rule-matching';
import type { RuleResolver, RulesForResult } from '../rule-resolver';
import type { NodeGraph, NodeGraphVertexType } from './graph';

export const NAMESPACE_NODE_LEASE = 'kube-node-lease';

/** One requirement of a field selector (`spec.nodeName=node-1`): what authorizer.Attributes.GetFieldSelector gives. */
export interface FieldSelectorRequirement {
  readonly field: string;
  readonly operator: '=' | '==' | '!=';
  readonly value: string;
}

/** AuthorizationAttributes plus the request's parsed field selector, which the Node authorizer uses for list/watch. */
export interface NodeAuthorizationAttributes extends AuthorizationAttributes {
  readonly fieldSelector?: readonly FieldSelectorRequirement[];
}

/** nodeidentifier.NodeIdentity: the node name of a kubelet user, or undefined for anyone else. `''` is a node user without a name. */
export function nodeIdentity(user: UserInfo | undefined): string | undefined {
  if (!user) return undefined;
  if (!user.name.startsWith(NODE_USER_PREFIX)) return undefined;
  if (!user.groups.includes(NODES_GROUP)) return undefined;
  // A kubelet's every request asks this of its (authentication-memoised) user object: slice once.
  let name = nodeNames.get(user);
  if (name === undefined) {
    name = user.name.slice(NODE_USER_PREFIX.length);
    nodeNames.set(user, name);
  }
  return name;
}

/** The node name of each kubelet user object seen; UserInfo is read-only, so an entry never goes stale. */
const nodeNames = new WeakMap<UserInfo, string>();

export interface NodeAuthorizerOptions {
  readonly graph: NodeGraph;
  /** The static rules every node gets; defaults to system:node's (bootstrappolicy.NodeRules). */
  readonly nodeRules?: readonly PolicyRule[];
  /** The AuthorizeNodeWithSelectors feature. Off by default here: kubelets in the simulator may list pods without a field selector. */
  readonly authorizeNodeWithSelectors?: boolean;
}

const allow: AuthorizationResult = { decision: 'Allow', reason: '', allowedBy: 'Node' };
/** What a node may do to its own Lease and CSINode. */
const OWN_OBJECT_VERBS: ReadonlySet<string> = new Set(['get', 'create', 'update', 'patch', 'delete']);
const noOpinion = (reason: string): AuthorizationResult => ({ decision: 'NoOpinion', reason });
/** The answer for everyone who is not a kubelet (most requests): one shared object, as `allow` is. */
const NO_OPINION: AuthorizationResult = noOpinion('');


function hasNodeNameSelector(attrs: AuthorizationAttributes, field: string, nodeName: string): boolean {
  const reqs = (attrs as NodeAuthorizationAttributes).fieldSelector ?? [];
  return reqs.some((r) => r.field === field && (r.operator === '=' || r.operator === '==') && r.value === nodeName);
}

export class NodeAuthorizer implements Authorizer, RuleResolver {
  readonly name = 'Node';
  private readonly rules: readonly PolicyRule[];
  private readonly withSelectors: boolean;

  constructor(private readonly options: NodeAuthorizerOptions) {
    this.rules = options.nodeRules ?? nodeRules();
    this.withSelectors = options.authorizeNodeWithSelectors ?? false;
  }

  /** Nodes' permissions are not enumerable: `kubectl auth can-i --list` as a node says so. */
  rulesFor(user: UserInfo): RulesForResult {
    if (nodeIdentity(user) !== undefined) {
      return { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' };
    }
    return { resourceRules: [], nonResourceRules: [], incomplete: false };
  }

  authorize(attrs: AuthorizationAttributes): AuthorizationResult {
    const nodeName = nodeIdentity(attrs.user);
    if (nodeName === undefined) return NO_OPINION;
    if (nodeName.length === 0) return noOpinion(`unknown node for user ${goQuote(attrs.user.name)}`);

    if (attrs.isResourceRequest) {
      // Upstream switches on the GroupResource; matched on group, then resource, so no
      // `resource.group` string is built per request.
      switch (attrs.apiGroup) {
        case '':
          switch (attrs.resource) {
            case 'secrets':
              return this.authorizeReadNamespacedObject(nodeName, 'secret', attrs);
            case 'configmaps':
              return this.authorizeReadNamespacedObject(nodeName, 'configmap', attrs);
            case 'persistentvolumeclaims':
              if (attrs.subresource === 'status') return this.authorizeStatusUpdate(nodeName, 'pvc', attrs);
              return this.authorizeGet(nodeName, 'pvc', attrs);
            case 'persistentvolumes':
              return this.authorizeGet(nodeName, 'pv', attrs);
            case 'serviceaccounts':
              return this.authorizeCreateToken(nodeName, attrs);
            case 'nodes':
              if (this.withSelectors) return this.authorizeNode(nodeName, attrs);
              break;
            case 'pods':
              if (this.withSelectors) return this.authorizePod(nodeName, attrs);
              break;
          }
          break;
        case 'resource.k8s.io':
          if (attrs.resource === 'resourceclaims') return this.authorizeGet(nodeName, 'resourceclaim', attrs);
          break;
        case 'storage.k8s.io':
          if (attrs.resource === 'volumeattachments') return this.authorizeGet(nodeName, 'volumeattachment', attrs);
          if (attrs.resource === 'csinodes') return this.authorizeCSINode(nodeName, attrs);
          break;
        case 'coordination.k8s.io':
          if (attrs.resource === 'leases') return this.authorizeLease(nodeName, attrs);
          break;
      }
    }
    // Not subdivided: the static node rules decide.
    return rulesAllow(attrs, this.rules) ? allow : NO_OPINION;
  }

  private authorizeStatusUpdate(nodeName: string, type: NodeGraphVertexType, attrs: AuthorizationAttributes): AuthorizationResult {
    if (attrs.verb !== 'update' && attrs.verb !== 'patch') return noOpinion('can only get/update/patch this type');
    if (attrs.subresource !== 'status') return noOpinion('can only update status subresource');
    return this.authorizeRelated(nodeName, type, attrs);
  }

  private authorizeGet(nodeName: string, type: NodeGraphVertexType, attrs: AuthorizationAttributes): AuthorizationResult {
    if (attrs.verb !== 'get') return noOpinion('can only get individual resources of this type');
    if (attrs.subresource.length > 0) return noOpinion('cannot get subresource');
    return this.authorizeRelated(nodeName, type, attrs);
  }

  private authorizeReadNamespacedObject(nodeName: string, type: NodeGraphVertexType, attrs: AuthorizationAttributes): AuthorizationResult {
    if (attrs.verb !== 'get' && attrs.verb !== 'list' && attrs.verb !== 'watch') return noOpinion('can only read resources of this type');
    if (attrs.subresource.length > 0) return noOpinion('cannot read subresource');
    if (attrs.namespace.length === 0) return noOpinion('can only read namespaced object of this type');
    return this.authorizeRelated(nodeName, type, attrs);
  }

  /** authorize(): a named object with a path to the node in the graph. */
  private authorizeRelated(nodeName: string, type: NodeGraphVertexType, attrs: AuthorizationAttributes): AuthorizationResult {
    if (attrs.name.length === 0) return noOpinion('No Object name found');
    const path = this.options.graph.hasPathFrom(nodeName, type, attrs.namespace, attrs.name);
    if (path !== true) return noOpinion(`no relationship found between node '${nodeName}' and this object`);
    return allow;
  }

  private authorizeCreateToken(nodeName: string, attrs: AuthorizationAttributes): AuthorizationResult {
    if (attrs.verb !== 'create' || attrs.name.length === 0) return noOpinion('can only create tokens for individual service accounts');
    if (attrs.subresource !== 'token') return noOpinion('can only create token subresource of serviceaccount');
    const path = this.options.graph.hasPathFrom(nodeName, 'serviceAccount', attrs.namespace, attrs.name);
    if (path !== true) return noOpinion(`no relationship found between node '${nodeName}' and this object`);
    return allow;
  }

  private authorizeLease(nodeName: string, attrs: AuthorizationAttributes): AuthorizationResult {
    const verb = attrs.verb;
    if (!OWN_OBJECT_VERBS.has(verb)) return noOpinion('can only get, create, update, patch, or delete a node lease');
    if (attrs.namespace !== NAMESPACE_NODE_LEASE) return noOpinion(`can only access leases in the ${goQuote(NAMESPACE_NODE_LEASE)} system namespace`);
    // The name is unknown to the authorizer on create; NodeRestriction admission checks it.
    if (verb !== 'create' && attrs.name !== nodeName) return noOpinion('can only access node lease with the same name as the requesting node');
    return allow;
  }

  private authorizeCSINode(nodeName: string, attrs: AuthorizationAttributes): AuthorizationResult {
    const verb = attrs.verb;
    if (!OWN_OBJECT_VERBS.has(verb)) return noOpinion('can only get, create, update, patch, or delete a CSINode');
    if (attrs.subresource.length > 0) return noOpinion('cannot authorize CSINode subresources');
    if (verb !== 'create' && attrs.name !== nodeName) return noOpinion('can only access CSINode with the same name as the requesting node');
    return allow;
  }

  private authorizeNode(nodeName: string, attrs: AuthorizationAttributes): AuthorizationResult {
    if (attrs.subresource === '') {
      switch (attrs.verb) {
        case 'create':
        case 'update':
        case 'patch':
          return allow;
        case 'get':
        case 'list':
        case 'watch':
          // Compared by name, not through the graph, so a kubelet can read its Node before creating it.
          if (attrs.name === nodeName) return allow;
          if (attrs.name === '') return noOpinion(`node '${nodeName}' cannot read all nodes, only its own Node object`);
          return noOpinion(`node '${nodeName}' cannot read '${attrs.name}', only its own Node object`);
      }
    } else if (attrs.subresource === 'status' && (attrs.verb === 'update' || attrs.verb === 'patch')) {
      return allow;
    }
    return NO_OPINION;
  }

  private authorizePod(nodeName: string, attrs: AuthorizationAttributes): AuthorizationResult {
    switch (attrs.subresource) {
      case '':
        switch (attrs.verb) {
          case 'get':
            return this.authorizeGet(nodeName, 'pod', attrs);
          case 'list':
          case 'watch':
            if (hasNodeNameSelector(attrs, 'spec.nodeName', nodeName)) return allow;
            if (attrs.name !== '') return this.authorizeRelated(nodeName, 'pod', attrs);
            return noOpinion('can only list/watch pods with spec.nodeName field selector');
          case 'create':
          case 'delete':
            // Mirror pods; NodeRestriction admission limits them to the node's own.
            return allow;
        }
        break;
      case 'status':
        if (attrs.verb === 'update' || attrs.verb === 'patch') return allow;
        break;
      case 'eviction':
        if (attrs.verb === 'create') return allow;
        break;
    }
    return NO_OPINION;
  }
}
