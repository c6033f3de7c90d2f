import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface ScannedFile {
  /** Relative to the workspace, with `/` separators. */
  path: string;
  absolutePath: string;
  size: number;
  mode: number;
  sha256: string;
}

interface CacheEntry {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

/**
 * Hashes of files as they were last read, keyed by path and trusted while size, mtime and inode
 * are unchanged: the notice checkpoint then hashes only what changed since the last one.
 */
export class HashCache {
  private entries = new Map<string, CacheEntry>();

  constructor(private readonly file?: string) {}

  async load(): Promise<this> {
    if (!this.file) return this;
    const text = await fs.promises.readFile(this.file, 'utf8').catch(() => null);
    if (text)
      this.entries = new Map(Object.entries(JSON.parse(text) as Record<string, CacheEntry>));
    return this;
  }

  async save(): Promise<void> {
    if (!this.file) return;
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await fs.promises.writeFile(temporary, JSON.stringify(Object.fromEntries(this.entries)));
    await fs.promises.rename(temporary, this.file);
  }

  get(relative: string, stat: fs.Stats): string | undefined {
    const entry = this.entries.get(relative);
    if (!entry) return undefined;
    const same =
      entry.size === stat.size && entry.mtimeMs === stat.mtimeMs && entry.ino === stat.ino;
    return same ? entry.sha256 : undefined;
  }

  set(relative: string, stat: fs.Stats, sha256: string): void {
    this.entries.set(relative, { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, sha256 });
  }

  forget(relative: string): void {
    this.entries.delete(relative);
  }
}

export async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 }), hash);
  return hash.digest('hex');
}

/** Regular files under `root`, in path order. Symbolic links and special files are skipped. */
export async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(directory: string, prefix: string) {
    const entries = await fs.promises.readdir(directory, { withFileTypes: true }).catch((error) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(directory, entry.name), relative);
      else if (entry.isFile()) found.push(relative);
    }
  }
  await walk(root, '');
  return found.sort();
}

/** Runs `task` over `items` with at most `limit` at a time. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]!);
  });
  await Promise.all(lanes);
}

/** Every file of the workspace with its size, mode and sha256 (from the cache where unchanged). */
export async function scanWorkspace(
  root: string,
  options: { cache?: HashCache; concurrency?: number; signal?: AbortSignal } = {},
): Promise<ScannedFile[]> {
  const relatives = await listFiles(root);
  const scanned: ScannedFile[] = [];
  await eachLimited(relatives, options.concurrency ?? 2, async (relative) => {
    options.signal?.throwIfAborted();
    const absolutePath = path.join(root, ...relative.split('/'));
    const stat = await fs.promises.stat(absolutePath).catch(() => null);
    if (!stat) return; // removed while scanning
    let sha256 = options.cache?.get(relative, stat);
    if (!sha256) {
      sha256 = await hashFile(absolutePath);
      options.cache?.set(relative, stat, sha256);
    }
    scanned.push({
      path: relative,
      absolutePath,
      size: stat.size,
      mode: stat.mode & 0o7777,
      sha256,
    });
  });
  return scanned.sort((a, b) => (a.path < b.path ? -1 : 1));
}
