/**
 * Runs once when the web server starts: a missing or default secret, or any other bad setting,
 * stops it there, naming the variable, instead of failing the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { exitOnInvalidEnv } = await import('./lib/env-at-start');
    exitOnInvalidEnv('web');
    const { exitWithParent } = await import('./lib/process/exit-with-parent');
    exitWithParent();
  }
}
