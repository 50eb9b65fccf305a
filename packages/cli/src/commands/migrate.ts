import { type Command, Option } from 'commander';
import { type CommandContext, lazyAction } from '../command-context.ts';

export function registerMigrate(program: Command, ctx: CommandContext): void {
  program
    .command('migrate')
    .description(
      'report what a manifest tree becomes on VPC Lattice; exit 0 everything maps, 2 something is lost, 1 error',
    )
    .argument('<dir>', 'manifest directory')
    .addOption(
      new Option('--to <provider>', 'the provider to migrate to').choices(['lattice']).makeOptionMandatory(),
    )
    .addOption(new Option('--format <format>', 'report format').choices(['md', 'html', 'json']).default('md'))
    .option('--out <file>', 'write the report to this file instead of standard output')
    .addOption(
      new Option(
        '--auth-type <type>',
        'Lattice service access: NONE, or AWS_IAM with auth policies from backends',
      )
        .choices(['NONE', 'AWS_IAM'])
        .default('NONE'),
    )
    .option('--vpc <id>', 'the cluster VPC', 'cluster-vpc')
    .option('--associated-mesh <name>', 'the mesh whose service network the cluster VPC joins')
    .option('--region <region>', 'the Region, for the generated service names')
    .action(
      lazyAction(ctx, async () => {
        const { runMigrate } = await import('./run-migrate.ts');
        return runMigrate;
      }),
    );
}
