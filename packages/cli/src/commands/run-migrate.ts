import { stat, writeFile } from 'node:fs/promises';
import {
  buildMigrationReport,
  loadManifests,
  type ManifestObject,
  type MigrationReport,
  objectLabel,
  type Target,
  validateManifests,
} from '@meshcd/core';
import pc from 'picocolors';
import { ExitCode } from '../exit-codes.ts';
import { readManifestTree } from '../read-manifest-tree.ts';
import { outcomeLine } from '../render/migration-sections.ts';
import {
  renderMigrationHtml,
  renderMigrationJson,
  renderMigrationMarkdown,
} from '../render/render-migration.ts';
import { renderValidationText, validationReport } from '../render/render-validation.ts';
import { reportFailure } from '../report-failure.ts';

type LatticeOptions = NonNullable<Target['lattice']>;

export type MigrateFormat = 'md' | 'html' | 'json';

export interface MigrateOptions {
  to: 'lattice';
  format: MigrateFormat;
  out?: string;
  authType: LatticeOptions['authType'];
  vpc: string;
  associatedMesh?: string;
  region?: string;
}

const renderers: Record<MigrateFormat, (r: MigrationReport) => string> = {
  md: renderMigrationMarkdown,
  html: renderMigrationHtml,
  json: renderMigrationJson,
};

/** Field positions from the manifests themselves, so each finding points at its line. */
function locator(objects: readonly ManifestObject[]) {
  const byLabel = new Map<string, ManifestObject>();
  for (const o of objects) {
    byLabel.set(objectLabel(o), o);
    // Namespaced objects that name no namespace are resolved into `default`.
    if (o.namespace === undefined) byLabel.set(objectLabel({ ...o, namespace: 'default' }), o);
  }
  return (object: string, path: readonly (string | number)[]) => byLabel.get(object)?.locate(path);
}

/**
 * `meshcd migrate <dir> --to lattice`: offline, like validate. Invalid manifests are reported as validate reports
 * them (exit 1); otherwise the report goes to --out or standard output, exit 2 when anything is lost.
 */
export async function runMigrate(dir: string, options: MigrateOptions): Promise<ExitCode> {
  const output = options.format === 'json' ? 'json' : 'text';
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    process.stderr.write(`meshcd migrate: ${dir} is not a directory\n`);
    return ExitCode.error;
  }
  let files: Awaited<ReturnType<typeof readManifestTree>>;
  try {
    files = await readManifestTree(dir);
  } catch (error) {
    reportFailure('migrate', error, output);
    return ExitCode.error;
  }
  const resolved = validateManifests(files);
  if (!resolved.ok) {
    const report = validationReport(resolved);
    if (output === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stderr.write(renderValidationText(report, process.stderr.isTTY === true));
    return ExitCode.error;
  }
  const report = buildMigrationReport(resolved.desired, {
    targetId: 'migration',
    options: {
      vpcId: options.vpc,
      authType: options.authType,
      ...(options.associatedMesh ? { associatedMesh: options.associatedMesh } : {}),
    },
    ...(options.region ? { region: options.region } : {}),
    locate: locator(loadManifests(files).objects),
  });
  const text = renderers[options.format](report);
  if (options.out) {
    try {
      await writeFile(options.out, text);
    } catch (error) {
      process.stderr.write(`meshcd migrate: cannot write ${options.out}: ${(error as Error).message}\n`);
      return ExitCode.error;
    }
    process.stderr.write(`wrote ${options.format} migration report to ${options.out}\n`);
  } else process.stdout.write(text);
  const c = process.stderr.isTTY ? pc : pc.createColors(false);
  const line = outcomeLine(report);
  process.stderr.write(`${report.outcome === 'maps' ? c.green(line) : c.yellow(line)}\n`);
  return report.outcome === 'maps' ? ExitCode.ok : ExitCode.changes;
}
