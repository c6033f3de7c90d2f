import fs from 'node:fs';
import path from 'node:path';

// Imported first by every entry point (start, worker, simulated machines, import), so a `.env`
// beside the project applies to all processes alike, not only to the web app (Next.js reads it
// itself). Variables already set in the environment win over the file.
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), '.env');
if (fs.existsSync(file)) process.loadEnvFile(file);
