import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { PathSegment } from '../manifests/manifest-object.ts';
import { at } from '../manifests/schema-issues.ts';
import type { NamespacedRef } from '../manifests/schemas/common.ts';
import type { AppMeshObject } from '../manifests/typed-objects.ts';
import { type ArnResourceType, parseAppMeshArn } from './appmesh-arn.ts';
import type { RefNames } from './convert/ref-names.ts';
import { memberKey } from './inventory-key.ts';
import type { MeshInfo } from './mesh-membership.ts';

/** What reference resolution needs to know about the whole set. */
export interface ResolutionIndex {
  get(kind: AppMeshObject['kind'], namespace: string, name: string): AppMeshObject | undefined;
  /** True for an object that is in the set but invalid (its own errors are reported already). */
  isInvalid(kind: AppMeshObject['kind'], namespace: string, name: string): boolean;
  awsName(object: AppMeshObject): string;
  meshOf(object: AppMeshObject): MeshInfo | undefined;
  /** Inventory key of an object's App Mesh resource, once its mesh is known. */
  keyOf(object: AppMeshObject): string | undefined;
}

type RefKind = 'VirtualNode' | 'VirtualService' | 'VirtualRouter';
const ARN_TYPE: Record<RefKind, ArnResourceType> = {
  VirtualNode: 'virtualNode',
  VirtualService: 'virtualService',
  VirtualRouter: 'virtualRouter',
};

/**
 * Resolves the references of one object. A typed reference names an object in the set (namespace defaulting to
 * the referencing object's) and yields that object's awsName; it must be in the same mesh. An ARN yields only
 * its trailing name, as in the controller, but a malformed or wrongly typed ARN is an error here. Problems are
 * recorded, and resolved referents become dependencies when `dependOn` says the referent must exist first.
 */
export class ReferenceResolver implements RefNames {
  readonly diagnostics: Diagnostic[] = [];
  readonly dependsOn = new Set<string>();

  constructor(
    private readonly from: AppMeshObject,
    private readonly index: ResolutionIndex,
    /** References that are dependencies; a VirtualNode's backends are not (App Mesh allows them to come later). */
    private readonly dependOn: (kind: RefKind) => boolean,
  ) {}

  virtualNode(
    t: { virtualNodeRef?: NamespacedRef | undefined; virtualNodeARN?: string | undefined },
    path: readonly PathSegment[],
  ) {
    return this.resolve(
      'VirtualNode',
      t.virtualNodeRef,
      t.virtualNodeARN,
      path,
      'virtualNodeRef',
      'virtualNodeARN',
    );
  }

  virtualService(
    t: { virtualServiceRef?: NamespacedRef | undefined; virtualServiceARN?: string | undefined },
    path: readonly PathSegment[],
  ) {
    return this.resolve(
      'VirtualService',
      t.virtualServiceRef,
      t.virtualServiceARN,
      path,
      'virtualServiceRef',
      'virtualServiceARN',
    );
  }

  virtualRouter(
    t: { virtualRouterRef?: NamespacedRef | undefined; virtualRouterARN?: string | undefined },
    path: readonly PathSegment[],
  ) {
    return this.resolve(
      'VirtualRouter',
      t.virtualRouterRef,
      t.virtualRouterARN,
      path,
      'virtualRouterRef',
      'virtualRouterARN',
    );
  }

  /** Looks up a typed reference and checks it is in the same mesh; returns the referent, if usable. */
  lookup(
    kind: AppMeshObject['kind'],
    ref: NamespacedRef,
    path: readonly PathSegment[],
  ): AppMeshObject | undefined {
    const namespace = ref.namespace || this.from.namespace;
    const target = this.index.get(kind, namespace, ref.name);
    if (!target) {
      if (this.index.isInvalid(kind, namespace, ref.name)) return undefined;
      this.fail(path, 'dangling-reference', `${kind} ${namespace}/${ref.name} is not in the manifest set`);
      return undefined;
    }
    const ours = this.index.meshOf(this.from);
    const theirs = this.index.meshOf(target);
    if (ours && theirs && ours !== theirs) {
      this.fail(
        path,
        'cross-mesh-reference',
        `${kind} ${namespace}/${ref.name} is in mesh "${theirs.object.name}", not in this object's mesh "${ours.object.name}"`,
      );
      return undefined;
    }
    return target;
  }

  private resolve(
    kind: RefKind,
    ref: NamespacedRef | undefined,
    arn: string | undefined,
    path: readonly PathSegment[],
    refField: string,
    arnField: string,
  ): string {
    if (arn !== undefined) {
      const parsed = parseAppMeshArn(arn, ARN_TYPE[kind]);
      if (!parsed.ok) {
        this.fail([...path, arnField], 'invalid-arn', parsed.message);
        return '';
      }
      // The ARN's own mesh is ignored by App Mesh name resolution; a same-named resource in this mesh, if it is
      // in the set, is still a dependency.
      const mesh = this.index.meshOf(this.from);
      if (mesh && this.dependOn(kind)) {
        this.dependsOn.add(memberKey(mesh.name, kind, parsed.name));
      }
      return parsed.name;
    }
    if (!ref) return ''; // reported by the object rules (one of ref or ARN is required)
    const target = this.lookup(kind, ref, [...path, refField]);
    if (!target) return '';
    const key = this.index.keyOf(target);
    if (key && this.dependOn(kind)) this.dependsOn.add(key);
    return this.index.awsName(target);
  }

  private fail(path: readonly PathSegment[], code: Diagnostic['code'], message: string): void {
    this.diagnostics.push(at(this.from.manifest, path, code, message));
  }
}
