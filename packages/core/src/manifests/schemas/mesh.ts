import * as z from 'zod';
import { appMeshObject, labelSelector } from './common.ts';

export const meshSpec = z.strictObject({
  awsName: z.string().optional(),
  egressFilter: z.strictObject({ type: z.enum(['ALLOW_ALL', 'DROP_ALL']) }).optional(),
  meshOwner: z.string().optional(),
  meshServiceDiscovery: z
    .strictObject({ ipPreference: z.enum(['IPv6_ONLY', 'IPv4_ONLY']).optional() })
    .optional(),
  namespaceSelector: labelSelector.optional(),
});
export type MeshCrdSpec = z.infer<typeof meshSpec>;
export const meshObject = appMeshObject('Mesh', meshSpec);
