import { getEnv } from './env';

/** Validates the environment once at start-up; a bad value ends the process naming it. */
export function exitOnInvalidEnv(service: string): void {
  try {
    getEnv();
  } catch (error) {
    console.error(`[${service}] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
