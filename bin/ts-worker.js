// Worker-thread entry for TypeScript modules (the job pool, the fuzz run): a worker starts without
// its parent's loaders, so it registers tsx itself, then loads the module in workerData.module.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
