import { manifestsPrefix, parseManifestKey } from '@/agent/core/keys';
import { workspaceDigest } from '@/agent/core/manifest';
import type { ObjectStore } from '@/agent/core/object-store';
import type { RestoreReport } from '@/agent/core/protocol';
import { readManifest } from '@/agent/core/restore-checkpoint';

export interface CheckpointChoice {
  manifestKey: string;
  seq: number;
  takenAt: string;
  files: number;
  bytes: number;
}

/**
 * The newest complete checkpoint of a rental: the manifest with the highest sequence (a manifest
 * is written only after all its files, so one that exists is complete).
 */
export async function newestCheckpoint(
  store: ObjectStore,
  rentalId: string,
): Promise<CheckpointChoice | null> {
  const keys = await store.listKeys(manifestsPrefix(rentalId));
  let best: { key: string; seq: number } | null = null;
  for (const { key } of keys) {
    const parsed = parseManifestKey(key);
    if (parsed && (!best || parsed.seq > best.seq || (parsed.seq === best.seq && key > best.key))) {
      best = { key, seq: parsed.seq };
    }
  }
  if (!best) return null;
  const manifest = await readManifest(store, best.key);
  return {
    manifestKey: best.key,
    seq: manifest.seq,
    takenAt: manifest.takenAt,
    files: manifest.files.length,
    bytes: manifest.totalBytes,
  };
}

/**
 * Checks an agent's restore end to end: the digest it computed from the files on its disk must
 * equal the digest of the manifest as we read it from storage ourselves.
 */
export async function confirmRestore(store: ObjectStore, report: RestoreReport): Promise<void> {
  const manifest = await readManifest(store, report.manifestKey);
  if (manifest.seq !== report.seq || workspaceDigest(manifest.files) !== report.verifiedDigest) {
    throw new Error(`the restored workspace does not match checkpoint ${report.manifestKey}`);
  }
}
