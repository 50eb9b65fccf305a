import { defaultTargetPolicy, defaultXrayImage, injectorSettingProblems, type Target } from '@meshcd/core';
import * as z from 'zod';

const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-east-1');

const seconds = z.number().int().min(0);

/**
 * The sidecar injector's settings, named after the controller's flags: `waitUntilProxyReady` puts Envoy
 * first with a postStart hook that waits `postStartTimeoutSeconds`, polling every
 * `postStartIntervalSeconds` (`--wait-until-proxy-ready`, `--poststart-timeout`, `--poststart-interval`),
 * and X-Ray tracing (`--enable-xray-tracing` and its `--xray-*` flags). Values the controller refuses are
 * refused here, in its words.
 */
function injectorSchema() {
  return z
    .strictObject({
      waitUntilProxyReady: z.boolean().optional(),
      postStartTimeoutSeconds: seconds.optional(),
      postStartIntervalSeconds: seconds.optional(),
      preStopDelaySeconds: seconds.optional(),
      envoyImage: z.string().min(1).optional(),
      tracing: z
        .strictObject({
          kind: z.literal('x-ray'),
          daemonPort: z.number().int().min(1).max(65535).default(2000),
          samplingRate: z.number().default(0.05),
          image: z.string().min(1).default(defaultXrayImage),
          logLevel: z.string().default('prod'),
          roleArn: z.string().optional(),
        })
        .optional(),
    })
    .superRefine((settings, ctx) => {
      for (const message of injectorSettingProblems(settings)) ctx.addIssue({ code: 'custom', message });
    });
}

/** One target as deploy-time configuration writes it; policy fields left out take the defaults. */
export const targetSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
    source: z.strictObject({
      repository: z.string().min(1),
      branch: z.string().min(1),
      path: z.string().default('.'),
      credentialsSecret: z.string().min(1).optional(),
    }),
    accountId,
    region,
    role: z
      .strictObject({
        arn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'an IAM role ARN'),
        // AssumeRole's ExternalId: 2 to 1224 characters of this set.
        externalId: z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, 'an external id (2-1224 of [\\w+=,.@:/-])'),
      })
      .optional(),
    meshOwner: accountId.optional(),
    cluster: z.strictObject({ name: z.string().min(1), region: region.optional() }).optional(),
    provider: z.enum(['appmesh', 'lattice']).optional(),
    lattice: z
      .strictObject({
        vpcId: z.string().regex(/^vpc-[0-9a-z]+$/),
        authType: z.enum(['NONE', 'AWS_IAM']).default('NONE'),
        associatedMesh: z.string().min(1).optional(),
        securityGroupIds: z
          .array(z.string().regex(/^sg-[0-9a-z]+$/))
          .max(5)
          .optional(),
        customDomains: z
          .record(
            z.string(),
            z.strictObject({ domainName: z.string().min(3), certificateArn: z.string().optional() }),
          )
          .optional(),
        serviceAccountRoles: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    policy: z
      .strictObject({
        prune: z.boolean().default(defaultTargetPolicy.prune),
        pruneGuardRatio: z.number().min(0).max(1).default(defaultTargetPolicy.pruneGuardRatio),
        selfHeal: z.boolean().default(defaultTargetPolicy.selfHeal),
        adopt: z.boolean().default(defaultTargetPolicy.adopt),
        driftIgnore: z.array(z.string()).default([]),
        allowApplyFromCli: z.boolean().optional(),
      })
      .prefault({}),
    cloudMap: z
      .strictObject({
        dnsTtl: z.number().int().min(0).max(2147483647).optional(),
        customHealthCheck: z.boolean().optional(),
        ipv6: z.boolean().optional(),
        createNamespaces: z
          .union([
            z.literal(false),
            z.strictObject({
              vpc: z
                .string()
                .regex(/^vpc-[0-9a-z]+$/)
                .optional(),
            }),
          ])
          .optional(),
      })
      .optional(),
    commitStatus: z
      .strictObject({
        provider: z.enum(['github', 'gitlab']),
        apiUrl: z.url().optional(),
        repository: z.string().min(1),
        tokenSecret: z.string().min(1),
        context: z.string().min(1).optional(),
      })
      .optional(),
    injector: injectorSchema().optional(),
  })
  // The role is assumed in the target's account: one elsewhere would act on the wrong account's meshes.
  .refine((t) => !t.role || t.role.arn.split(':')[4] === t.accountId, {
    path: ['role', 'arn'],
    message: 'the role must be in the target account',
  }) satisfies z.ZodType<Target, unknown>;

/**
 * Targets that would be reached with the function's own credentials in another account than the
 * deployment's, where every call meets AccessDenied: deploy refuses them, one line each.
 */
export function foreignTargetsWithoutRole(targets: readonly Target[], deploymentAccount: string): string[] {
  return targets
    .filter((t) => !t.role && t.accountId !== deploymentAccount)
    .map(
      (t) =>
        `target ${t.id}: account ${t.accountId} is not the deployment's (${deploymentAccount}); name a role in it (role.arn, role.externalId)`,
    );
}

/** CodeCommit's Git over HTTPS endpoints (also FIPS and China). */
const codeCommitHost = /^git-codecommit(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/**
 * A CodeCommit repository over HTTPS takes Git credentials of an IAM user (username and password, as
 * IAM generates them): the functions' role credentials are temporary and cannot authenticate a plain
 * Git client. Such a target must name the secret holding them.
 */
function needsCodeCommitCredentials(target: Pick<Target, 'source'>): boolean {
  if (target.source.credentialsSecret) return false;
  try {
    return codeCommitHost.test(new URL(target.source.repository).hostname);
  } catch {
    return false;
  }
}

/**
 * Targets are unique by id: two entries with one id would fight over one lease and one inventory. A
 * CodeCommit repository without a credentials secret is refused here, at deploy, not at the first push.
 */
export const targetsSchema = z.array(targetSchema).superRefine((targets, ctx) => {
  const seen = new Set<string>();
  targets.forEach((target, index) => {
    if (seen.has(target.id)) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate target id '${target.id}'` });
    }
    seen.add(target.id);
    if (needsCodeCommitCredentials(target)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'source', 'credentialsSecret'],
        message:
          'a CodeCommit repository needs a secret with an IAM user’s Git credentials ({"username","password"}): role credentials cannot authenticate Git over HTTPS',
      });
    }
  });
});
