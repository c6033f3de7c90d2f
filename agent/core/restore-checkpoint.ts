import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { objectKey } from './keys';
import {
  checkpointManifest,
  resolveInside,
  workspaceDigest,
  type CheckpointManifest,
} from './manifest';
import type { ObjectStore } from './object-store';
import { eachLimited, listFiles, scanWorkspace, type HashCache } from './scan-workspace';

export interface RestoreOptions {
  store: ObjectStore;
  workspace: string;
  manifestKey: string;
  /** Folder on the workspace's file system for downloads in progress. */
  tempDir: string;
  cache?: HashCache;
  signal?: AbortSignal;
  concurrency?: number;
}

export interface RestoreResult {
  manifestKey: string;
  seq: number;
  takenAt: string;
  files: number;
  bytes: number;
  downloadedFiles: number;
  downloadedBytes: number;
  removedFiles: number;
  /** `workspaceDigest` of the files as re-read from disk after the restore. */
  verifiedDigest: string;
  durationMs: number;
}

export class RestoreVerificationError extends Error {
  override name = 'RestoreVerificationError';
}

export async function readManifest(store: ObjectStore, key: string): Promise<CheckpointManifest> {
  return checkpointManifest.parse(await store.getJson(key));
}

/**
 * Makes the workspace equal to a checkpoint: files that already match are kept, the others are
 * downloaded (each checked against its sha256 before it replaces anything), files the checkpoint
 * does not have are removed. Then every file is read back from disk and compared with the
 * manifest; any difference fails the restore.
 */
export async function restoreCheckpoint(options: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const { store, workspace, signal } = options;
  const manifest = await readManifest(store, options.manifestKey);
  await fs.promises.mkdir(workspace, { recursive: true });
  await fs.promises.mkdir(options.tempDir, { recursive: true });

  const existing = new Map(
    (await scanWorkspace(workspace, { cache: options.cache, signal })).map((file) => [
      file.path,
      file,
    ]),
  );
  let downloadedFiles = 0;
  let downloadedBytes = 0;

  await eachLimited(manifest.files, options.concurrency ?? 4, async (file) => {
    signal?.throwIfAborted();
    const target = resolveInside(workspace, file.path);
    const current = existing.get(file.path);
    if (current && current.sha256 === file.sha256 && current.size === file.size) {
      if (current.mode !== file.mode) await fs.promises.chmod(target, file.mode);
      return;
    }

    const temporary = path.join(options.tempDir, randomUUID());
    try {
      const got = await store.downloadToFile(
        objectKey(manifest.rentalId, file.sha256),
        temporary,
        signal,
      );
      if (got.sha256 !== file.sha256 || got.bytes !== file.size) {
        throw new RestoreVerificationError(
          `${file.path}: the stored object does not match its sha256`,
        );
      }
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.chmod(temporary, file.mode);
      await fs.promises.rename(temporary, target);
      downloadedFiles++;
      downloadedBytes += got.bytes;
    } finally {
      await fs.promises.rm(temporary, { force: true });
    }
  });

  const wanted = new Set(manifest.files.map((file) => file.path));
  let removedFiles = 0;
  for (const relative of await listFiles(workspace)) {
    if (wanted.has(relative)) continue;
    await fs.promises.rm(resolveInside(workspace, relative), { force: true });
    options.cache?.forget(relative);
    removedFiles++;
  }
  await removeEmptyDirectories(workspace);

  const verifiedDigest = await verifyWorkspace(workspace, manifest);
  await options.cache?.save();
  return {
    manifestKey: options.manifestKey,
    seq: manifest.seq,
    takenAt: manifest.takenAt,
    files: manifest.files.length,
    bytes: manifest.totalBytes,
    downloadedFiles,
    downloadedBytes,
    removedFiles,
    verifiedDigest,
    durationMs: Date.now() - started,
  };
}

/** Re-reads every file (no cache) and compares path, size and sha256 with the manifest. */
export async function verifyWorkspace(
  workspace: string,
  manifest: CheckpointManifest,
): Promise<string> {
  const onDisk = await scanWorkspace(workspace);
  const expected = new Map(manifest.files.map((file) => [file.path, file]));
  if (onDisk.length !== expected.size) {
    throw new RestoreVerificationError(
      `workspace has ${onDisk.length} files, the checkpoint ${expected.size}`,
    );
  }
  for (const file of onDisk) {
    const want = expected.get(file.path);
    if (!want || want.sha256 !== file.sha256 || want.size !== file.size) {
      throw new RestoreVerificationError(`${file.path} differs from the checkpoint`);
    }
  }
  return workspaceDigest(onDisk);
}

async function removeEmptyDirectories(directory: string): Promise<boolean> {
  const entries = await fs.promises.readdir(directory, { withFileTypes: true });
  let empty = true;
  for (const entry of entries) {
    if (entry.isDirectory() && (await removeEmptyDirectories(path.join(directory, entry.name)))) {
      await fs.promises.rmdir(path.join(directory, entry.name));
    } else {
      empty = false;
    }
  }
  return empty;
}
