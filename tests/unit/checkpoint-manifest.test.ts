import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointLabel, manifestKey, parseManifestKey } from '@/agent/core/keys';
import { resolveInside, workspaceDigest } from '@/agent/core/manifest';

describe('checkpoint keys', () => {
  it('sort manifests by sequence and read the sequence back', () => {
    const keys = [manifestKey('r', 10, 'a'), manifestKey('r', 9, 'b'), manifestKey('r', 100, 'c')];
    expect([...keys].sort()).toEqual([keys[1], keys[0], keys[2]]);
    expect(parseManifestKey(keys[2]!)).toEqual({ seq: 100, label: 'c' });
    expect(parseManifestKey('rentals/r/manifests/notes.txt')).toBeNull();
  });

  it('keep labels to characters safe in a key', () => {
    expect(checkpointLabel('run 1', 'hand/over')).toBe('run-1-hand-over');
  });
});

describe('workspace digest', () => {
  const files = [
    { path: 'b.txt', size: 2, sha256: 'b'.repeat(64) },
    { path: 'a.txt', size: 1, sha256: 'a'.repeat(64) },
  ];

  it('does not depend on the order files are listed in, and changes with any file', () => {
    expect(workspaceDigest(files)).toBe(workspaceDigest([...files].reverse()));
    expect(workspaceDigest(files)).not.toBe(
      workspaceDigest([files[0]!, { ...files[1]!, size: 3 }]),
    );
  });
});

describe('paths from a manifest', () => {
  it('stay inside the workspace', () => {
    expect(resolveInside('/ws', 'a/b.txt')).toBe(path.join('/ws', 'a', 'b.txt'));
    expect(() => resolveInside('/ws', '../etc/passwd')).toThrow(/leaves the workspace/);
  });
});
