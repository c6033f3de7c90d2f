import '@/lib/process/load-env-file';
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { startEmbeddedPostgres, type RunningPostgres } from '@/lib/db/embedded-postgres';
import { getEnv } from '@/lib/env';
import { importMarketSnapshot, readMarketFile } from '@/lib/market/import-market-file';
import { importerOf, marketImporters } from '@/lib/providers/importers';
import { ProviderError, type MarketSnapshot } from '@/lib/providers/types';

/**
 * `npm run market:import -- PROVIDER FILE`: loads one saved offer-search answer into the
 * market, next to a running app if there is one. The file is read and checked in full before
 * the database is touched, so a bad file writes nothing.
 */
const root = path.resolve(import.meta.dirname, '..');
const usage = [
  'Usage: npm run market:import -- <provider> <file> [--observed-at <date>]',
  '',
  `  provider       one of: ${Object.keys(marketImporters).join(', ')}`,
  "  file           a saved answer of that provider's offer search (JSON)",
  "  --observed-at  when the answer was captured (ISO 8601); default: the file's modification time",
  '',
  'Example: npm run market:import -- vastai ./vastai-offers.json --observed-at 2024-11-05T12:00Z',
].join('\n');

/** The capture time: given, or the file's modification time as the best guess. */
function observedAtOf(args: string[], filePath: string): Date {
  const index = args.indexOf('--observed-at');
  if (index === -1) return fs.statSync(filePath).mtime;
  const value = args[index + 1];
  const date = value ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    stop(2, `--observed-at needs a date such as 2024-11-05T12:00Z.\n\n${usage}`);
  if (date.getTime() > Date.now() + 60_000) stop(2, `--observed-at ${value} is in the future.`);
  return date;
}

/** The database's own words for a failed write, not the whole statement with its parameters. */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function stop(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

async function main(args: string[]) {
  if (args.includes('--help') || args.includes('-h')) stop(0, usage);
  const observedFlag = args.indexOf('--observed-at');
  const positional =
    observedFlag === -1
      ? args
      : args.filter((_, i) => i !== observedFlag && i !== observedFlag + 1);
  if (positional.length !== 2) stop(2, `Expected a provider and a file.\n\n${usage}`);

  const [provider, file] = positional as [string, string];
  const importer = importerOf(provider);
  if (!importer) stop(2, `Unknown provider "${provider}".\n\n${usage}`);
  // npm runs scripts from the project folder; the file is named from where the user stood.
  const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (!fs.existsSync(filePath)) stop(2, `No file at ${filePath}.\n\n${usage}`);
  if (!fs.statSync(filePath).isFile()) stop(2, `${filePath} is not a file.\n\n${usage}`);
  const observedAt = observedAtOf(args, filePath);

  let snapshot: MarketSnapshot;
  try {
    snapshot = await readMarketFile(provider, filePath);
  } catch (error) {
    if (error instanceof ProviderError) stop(1, `Not imported, nothing written: ${error.message}`);
    throw error;
  }

  const env = getEnv();
  let postgres: RunningPostgres | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    // The quick start's database; a server the app already runs on this folder is reused.
    postgres = await startEmbeddedPostgres({
      dataDir: path.resolve(root, env.EMBEDDED_PG_DIR),
      port: env.EMBEDDED_PG_PORT,
      database: 'spot_market',
      reuse: true,
    });
    databaseUrl = postgres.url;
  }

  await migrateDatabase(databaseUrl);
  const database = createDatabase(databaseUrl, { max: 2 });
  try {
    const summary = await importMarketSnapshot(database.db, provider, snapshot, observedAt);
    console.log(
      `Imported ${summary.offers} ${importer.displayName} ${summary.offers === 1 ? 'offer' : 'offers'} (${summary.available} available) ` +
        `from ${filePath}\n  GPU models: ${summary.gpuModels}, locations: ${summary.locations}, ` +
        `regions: ${summary.regions.join(', ')}\n  observed at ${observedAt.toISOString()}: ` +
        'shown as prices from a file, never as live ones',
    );
  } finally {
    await database.close();
    if (postgres?.owned) await postgres.stop();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => stop(1, `Import failed, nothing written: ${reasonOf(error)}`),
);
