import { describe, expect, it } from 'vitest';
import { targetSchema } from './target-schema.ts';

const target = (injector: unknown) => ({
  id: 'shop',
  source: { repository: 'https://git.example/shop.git', branch: 'main' },
  accountId: '123456789012',
  region: 'us-west-2',
  injector,
});

describe('the injector settings of a target', () => {
  it('takes the controller flags it mirrors, with the X-Ray defaults filled in', () => {
    const parsed = targetSchema.parse(
      target({ waitUntilProxyReady: true, postStartTimeoutSeconds: 60, tracing: { kind: 'x-ray' } }),
    );
    expect(parsed.injector).toEqual({
      waitUntilProxyReady: true,
      postStartTimeoutSeconds: 60,
      tracing: {
        kind: 'x-ray',
        daemonPort: 2000,
        samplingRate: 0.05,
        image: 'public.ecr.aws/xray/aws-xray-daemon',
        logLevel: 'prod',
      },
    });
  });

  it('refuses an X-Ray log level and role the controller refuses, in its words', () => {
    const result = targetSchema.safeParse(
      target({ tracing: { kind: 'x-ray', logLevel: 'stage', roleArn: 'not an arn' } }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['injector', 'tracing.logLevel: "stage" is not valid. Set one of dev, debug, info, prod, warn, error'],
      [
        'injector',
        'tracing.role: "not an arn" is not a valid `--role-arn`. Please refer to AWS X-Ray Documentation for more information',
      ],
    ]);
  });

  it('refuses a setting it does not know', () => {
    expect(targetSchema.safeParse(target({ waitUntilProxyStarts: true })).success).toBe(false);
  });
});

describe('applying a target from the command line', () => {
  const base = { ...target(undefined), injector: undefined };

  it('is off unless the deployment allows it on the target', () => {
    expect(targetSchema.parse(base).policy.allowApplyFromCli).toBeUndefined();
    const allowed = targetSchema.parse({ ...base, policy: { allowApplyFromCli: true } });
    expect(allowed.policy.allowApplyFromCli).toBe(true);
  });

  it('refuses a setting that is not a boolean, naming the field', () => {
    const parsed = targetSchema.safeParse({ ...base, policy: { allowApplyFromCli: 'yes' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['policy', 'allowApplyFromCli']);
  });
});
