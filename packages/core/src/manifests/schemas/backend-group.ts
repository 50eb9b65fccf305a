import * as z from 'zod';
import { appMeshObject, meshRef } from './common.ts';

export const backendGroupSpec = z.strictObject({
  meshRef: meshRef.optional(),
  virtualservices: z.array(z.strictObject({ name: z.string(), namespace: z.string().optional() })).optional(),
});
export type BackendGroupCrdSpec = z.infer<typeof backendGroupSpec>;
export const backendGroupObject = appMeshObject('BackendGroup', backendGroupSpec);
