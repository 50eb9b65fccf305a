import type { RefNames } from './ref-names.ts';

/** Test double: a typed reference resolves to `<name>_ref`, an ARN to its last segment. */
export const fakeRefNames: RefNames = {
  virtualNode: (t) => t.virtualNodeARN?.split('/').pop() ?? `${t.virtualNodeRef?.name}_ref`,
  virtualService: (t) => t.virtualServiceARN?.split('/').pop() ?? `${t.virtualServiceRef?.name}_ref`,
  virtualRouter: (t) => t.virtualRouterARN?.split('/').pop() ?? `${t.virtualRouterRef?.name}_ref`,
};
