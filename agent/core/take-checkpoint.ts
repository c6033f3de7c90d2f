import fs from 'node:fs';
import { manifestKey, manifestsPrefix, objectKey, objectsPrefix, parseManifestKey } from './keys';
import type { CheckpointManifest, ManifestFile } from './manifest';
import type { ObjectStore } from './object-store';
import {
  eachLimited,
  hashFile,
  scanWorkspace,
  type HashCache,
  type ScannedFile,
} from './scan-workspace';

export interface CheckpointOptions {
  store: ObjectStore;
  rentalId: string;
  agentId: string;
  workspace: string;
  /** Names the checkpoint in its key: the run and purpose, or the agent for interval ones. */
  label: string;
  reason: string;
  cache?: HashCache;
  signal?: AbortSignal;
  concurrency?: number;
  now?: () => Date;
}

export interface CheckpointResult {
  manifestKey: string;
  seq: number;
  takenAt: string;
  files: number;
  bytes: number;
  uploadedFiles: number;
  uploadedBytes: number;
  durationMs: number;
}

const CHANGED_RETRIES = 3;

/** The highest checkpoint sequence stored for the rental (0 when there is none). */
export async function latestSeq(store: ObjectStore, rentalId: string): Promise<number> {
  const keys = await store.listKeys(manifestsPrefix(rentalId));
  return keys.reduce((max, { key }) => Math.max(max, parseManifestKey(key)?.seq ?? 0), 0);
}

/**
 * Uploads the files the store does not hold yet (content-addressed, so unchanged files cost
 * nothing), then writes the manifest. The manifest goes last: a checkpoint cut short by the
 * machine going away leaves no manifest, and the previous complete one stays the newest.
 */
export async function takeCheckpoint(options: CheckpointOptions): Promise<CheckpointResult> {
  const started = Date.now();
  const takenAt = (options.now ?? (() => new Date()))();
  const { store, rentalId, signal } = options;

  const [scanned, stored, seqBefore] = await Promise.all([
    scanWorkspace(options.workspace, { cache: options.cache, signal }),
    store.listKeys(objectsPrefix(rentalId)),
    latestSeq(store, rentalId),
  ]);
  const present = new Set(stored.map(({ key }) => key));

  let uploadedFiles = 0;
  let uploadedBytes = 0;
  const uploading = new Map<string, Promise<void>>();
  const files: ManifestFile[] = [];

  await eachLimited(scanned, options.concurrency ?? 4, async (file) => {
    const entry = await uploadFile(file);
    files.push({ path: file.path, size: entry.size, sha256: entry.sha256, mode: file.mode });
  });

  async function uploadFile(file: ScannedFile): Promise<{ sha256: string; size: number }> {
    let { sha256, size } = file;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const key = objectKey(rentalId, sha256);
      if (present.has(key)) return { sha256, size };
      const inFlight = uploading.get(key);
      if (inFlight) {
        await inFlight;
        return { sha256, size };
      }

      const sending = store.putFile(key, file.absolutePath, signal);
      uploading.set(
        key,
        sending.then(() => undefined),
      );
      const sent = await sending.catch((error) => {
        uploading.delete(key);
        throw error;
      });
      if (sent.sha256 === sha256) {
        present.add(key);
        uploadedFiles++;
        uploadedBytes += sent.bytes;
        return { sha256, size };
      }

      // The file changed between hashing and sending: the object does not hold what its name
      // says. Remove it and send the file again under its new hash.
      uploading.delete(key);
      await store.deleteObject(key);
      if (attempt + 1 >= CHANGED_RETRIES) throw new Error(`${file.path} keeps changing`);
      options.cache?.forget(file.path);
      sha256 = await hashFile(file.absolutePath);
      size = (await fs.promises.stat(file.absolutePath)).size;
    }
  }

  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  const seq = seqBefore + 1;
  const manifest: CheckpointManifest = {
    version: 1,
    rentalId,
    seq,
    label: options.label,
    reason: options.reason,
    agentId: options.agentId,
    takenAt: takenAt.toISOString(),
    totalBytes: files.reduce((sum, file) => sum + file.size, 0),
    files,
  };
  const key = manifestKey(rentalId, seq, options.label);
  signal?.throwIfAborted();
  await store.putJson(key, manifest);
  await options.cache?.save();

  return {
    manifestKey: key,
    seq,
    takenAt: manifest.takenAt,
    files: files.length,
    bytes: manifest.totalBytes,
    uploadedFiles,
    uploadedBytes,
    durationMs: Date.now() - started,
  };
}
