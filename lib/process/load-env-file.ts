import fs from 'node:fs';
import path from 'node:path';

// Imported first by every entry point (start, worker, simulated machines, import), so a `.env`
// beside the project applies to all processes alike, not only to the web app (Next.js reads it
// itself). Variables already set in the environment win over the file. The file is the
// project's, wherever the command was started from.
const file = path.resolve(import.meta.dirname, '../..', '.env');
if (fs.existsSync(file)) process.loadEnvFile(file);
