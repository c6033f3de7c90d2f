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
  'Usage: npm run market:import -- <provider> <file>',
  '',
  `  provider  one of: ${Object.keys(marketImporters).join(', ')}`,
  "  file      a saved answer of that provider's offer search (JSON)",
  '',
  'Example: npm run market:import -- vastai ./vastai-offers.json',
].join('\n');

function stop(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

async function main(args: string[]) {
  if (args.includes('--help') || args.includes('-h')) stop(0, usage);
  if (args.length !== 2) stop(2, `Expected a provider and a file.\n\n${usage}`);

  const [provider, file] = args as [string, string];
  const importer = importerOf(provider);
  if (!importer) stop(2, `Unknown provider "${provider}".\n\n${usage}`);
  // npm runs scripts from the project folder; the file is named from where the user stood.
  const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (!fs.existsSync(filePath)) stop(2, `No file at ${filePath}.\n\n${usage}`);

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
    });
    databaseUrl = postgres.url;
  }

  await migrateDatabase(databaseUrl);
  const database = createDatabase(databaseUrl, { max: 2 });
  try {
    const summary = await importMarketSnapshot(database.db, provider, snapshot, new Date());
    console.log(
      `Imported ${summary.offers} ${importer.displayName} offers (${summary.available} available) ` +
        `from ${filePath}\n  GPU models: ${summary.gpuModels}, locations: ${summary.locations}, ` +
        `regions: ${summary.regions.join(', ')}`,
    );
  } finally {
    await database.close();
    if (postgres?.owned) await postgres.stop();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) =>
    stop(1, `Import failed: ${error instanceof Error ? error.message : String(error)}`),
);
