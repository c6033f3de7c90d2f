// Imported first by the worker's entry point: the `.env` file, and the name its logs carry.
import '@/lib/process/load-env-file';

process.env.SPOT_SERVICE ??= 'worker';
