import * as z from 'zod';
import type { AppMeshApiCallTrigger } from '../trigger-event.ts';

/** `aws.appmesh` / `AWS API Call via CloudTrail` detail: the fields meshcd reads. */
export const cloudTrailAppMeshSchema = z.looseObject({
  eventVersion: z.string().optional(),
  eventSource: z.literal('appmesh.amazonaws.com'),
  eventName: z.string(),
  eventTime: z.string(),
  awsRegion: z.string(),
  eventID: z.string(),
  readOnly: z.boolean().optional(),
  errorCode: z.string().optional(),
  recipientAccountId: z.string().optional(),
  userIdentity: z.looseObject({
    type: z.string().optional(),
    arn: z.string().optional(),
    accountId: z.string().optional(),
    sessionContext: z
      .looseObject({ sessionIssuer: z.looseObject({ arn: z.string().optional() }).optional() })
      .optional(),
  }),
  requestParameters: z.record(z.string(), z.unknown()).nullable().optional(),
});

const kinds = [
  'Mesh',
  'VirtualNode',
  'VirtualRouter',
  'Route',
  'VirtualService',
  'VirtualGateway',
  'GatewayRoute',
];
/** Request parameter naming each kind's resource, and its parent's for routes. */
const nameParameter: Record<string, { name: string; parent?: string }> = {
  Mesh: { name: 'meshName' },
  VirtualNode: { name: 'virtualNodeName' },
  VirtualRouter: { name: 'virtualRouterName' },
  Route: { name: 'routeName', parent: 'virtualRouterName' },
  VirtualService: { name: 'virtualServiceName' },
  VirtualGateway: { name: 'virtualGatewayName' },
  GatewayRoute: { name: 'gatewayRouteName', parent: 'virtualGatewayName' },
};
const arnSegments: Record<string, string> = {
  virtualNode: 'VirtualNode',
  virtualRouter: 'VirtualRouter',
  route: 'Route',
  virtualService: 'VirtualService',
  virtualGateway: 'VirtualGateway',
  gatewayRoute: 'GatewayRoute',
};

/**
 * An out-of-band App Mesh write as a trigger for a targeted drift check. Reads (Describe, List) and
 * failed calls change nothing and ask for no work; tag changes are writes too (ownership lives in tags).
 */
export function normalizeCloudTrailAppMesh(
  detail: z.infer<typeof cloudTrailAppMeshSchema>,
): AppMeshApiCallTrigger | undefined {
  if (detail.readOnly === true || detail.errorCode !== undefined) return undefined;
  if (/^(Describe|List|Get)/.test(detail.eventName)) return undefined;
  const params = detail.requestParameters ?? {};
  const target = targetOf(detail.eventName, params);
  if (!target) return undefined;
  const identity = detail.userIdentity;
  const issuer = identity.sessionContext?.sessionIssuer?.arn;
  return {
    type: 'appmesh-api-call',
    eventName: detail.eventName,
    meshName: target.meshName,
    ...(target.kind ? { resourceKind: target.kind } : {}),
    ...(target.name ? { resourceName: target.name } : {}),
    ...(target.parent ? { parentName: target.parent } : {}),
    userIdentityArn: identity.arn ?? issuer ?? 'unknown',
    ...(issuer ? { sessionIssuerArn: issuer } : {}),
    accountId: detail.recipientAccountId ?? identity.accountId ?? '',
    region: detail.awsRegion,
    eventTime: detail.eventTime,
    eventId: detail.eventID,
  };
}

interface CallTarget {
  meshName: string;
  kind?: string;
  name?: string;
  parent?: string;
}

function targetOf(eventName: string, params: Record<string, unknown>): CallTarget | undefined {
  const text = (key: string | undefined) =>
    key !== undefined && typeof params[key] === 'string' ? (params[key] as string) : undefined;
  if (eventName === 'TagResource' || eventName === 'UntagResource') return fromArn(text('resourceArn'));
  const kind = kinds.find(
    (k) => eventName === `Create${k}` || eventName === `Update${k}` || eventName === `Delete${k}`,
  );
  const meshName = text('meshName');
  if (!kind || !meshName) return undefined;
  const names = nameParameter[kind]!;
  const name = text(names.name);
  const parent = text(names.parent);
  return { meshName, kind, ...(name ? { name } : {}), ...(parent ? { parent } : {}) };
}

/** `arn:aws:appmesh:<region>:<account>:mesh/<mesh>[/<kind>/<name>[/<kind>/<name>]]` */
function fromArn(arn: string | undefined): CallTarget | undefined {
  const resource = arn?.split(':').slice(5).join(':');
  const parts = resource?.split('/') ?? [];
  if (parts[0] !== 'mesh' || !parts[1]) return undefined;
  if (parts.length === 2) return { meshName: parts[1], kind: 'Mesh', name: parts[1] };
  const last = parts.length >= 6 ? 4 : 2;
  const kind = arnSegments[parts[last] ?? ''];
  return {
    meshName: parts[1],
    ...(kind ? { kind } : {}),
    ...(parts[last + 1] ? { name: parts[last + 1] } : {}),
    ...(last === 4 && parts[3] ? { parent: parts[3] } : {}),
  };
}
