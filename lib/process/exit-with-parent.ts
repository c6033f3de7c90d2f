/**
 * The quick start's processes end with the supervisor that started them: if it is killed
 * outright (no chance to stop its children), each child notices within a few seconds and
 * exits, instead of holding ports with no database behind them.
 */
export function exitWithParent(onExit: () => void = () => process.exit(0)): void {
  const parent = Number(process.env.SPOT_PARENT_PID);
  if (!Number.isInteger(parent) || parent <= 1) return;

  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      clearInterval(timer);
      onExit();
    }
  }, 2_000);
  timer.unref();
}
