import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** A process's parent now: from /proc where there is one, from `ps` elsewhere; null if gone. */
export function parentOf(pid: number): number | null {
  try {
    if (fs.existsSync('/proc/self/stat')) {
      // "pid (command) state ppid ...": the command may hold spaces and parentheses.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
    const out = execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' });
    return Number(out.trim()) || null;
  } catch {
    return null;
  }
}

/** Up to `depth` ancestors of a process, nearest first; init is not counted. */
export function ancestorsOf(pid: number, depth: number): number[] {
  const chain: number[] = [];
  let current = parentOf(pid);
  while (current && current > 1 && chain.length < depth) {
    chain.push(current);
    current = parentOf(current);
  }
  return chain;
}
