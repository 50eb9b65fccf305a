import * as z from 'zod';
import { appMeshObject, meshRef, namespacedRef } from './common.ts';

export const virtualServiceSpec = z.strictObject({
  awsName: z.string().optional(),
  meshRef: meshRef.optional(),
  provider: z
    .strictObject({
      virtualNode: z
        .strictObject({ virtualNodeARN: z.string().optional(), virtualNodeRef: namespacedRef.optional() })
        .optional(),
      virtualRouter: z
        .strictObject({ virtualRouterARN: z.string().optional(), virtualRouterRef: namespacedRef.optional() })
        .optional(),
    })
    .optional(),
});
export type VirtualServiceCrdSpec = z.infer<typeof virtualServiceSpec>;
export const virtualServiceObject = appMeshObject('VirtualService', virtualServiceSpec);
