import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/** A workspace-relative POSIX path that cannot leave the workspace. */
const safePath = z
  .string()
  .min(1)
  .max(4096)
  .refine(
    (value) =>
      !value.startsWith('/') &&
      !value.includes('\\') &&
      !value.includes('\0') &&
      value.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    { message: 'must be a relative path inside the workspace' },
  );

export const manifestFile = z.object({
  path: safePath,
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mode: z.number().int().min(0).max(0o7777),
});
export type ManifestFile = z.infer<typeof manifestFile>;

/** What a complete checkpoint holds: written last, so its presence marks the checkpoint complete. */
export const checkpointManifest = z.object({
  version: z.literal(1),
  rentalId: z.string().min(1),
  seq: z.number().int().positive(),
  label: z.string().min(1),
  reason: z.string().min(1),
  agentId: z.string().min(1),
  takenAt: z.iso.datetime(),
  totalBytes: z.number().int().nonnegative(),
  files: z.array(manifestFile),
});
export type CheckpointManifest = z.infer<typeof checkpointManifest>;

/**
 * One hash over every file's path, size and sha256, in path order. Agent and control plane compute
 * it independently (from the disk, from the manifest), so a restore is checked end to end.
 */
export function workspaceDigest(files: Array<Pick<ManifestFile, 'path' | 'size' | 'sha256'>>) {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.sha256} ${file.size} ${file.path}\n`);
  }
  return hash.digest('hex');
}

/** The absolute path of a manifest entry, refusing anything that would land outside `root`. */
export function resolveInside(root: string, relative: string): string {
  const absolute = path.resolve(root, ...relative.split('/'));
  const base = path.resolve(root);
  if (absolute !== base && !absolute.startsWith(base + path.sep)) {
    throw new Error(`path ${relative} leaves the workspace`);
  }
  return absolute;
}
