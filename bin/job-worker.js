// Worker-thread entry of the job pool (src/services/jobs/pool.ts): a worker starts without the
// parent's loaders, so it registers tsx itself, then loads the TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
await import('../src/services/jobs/worker.ts');
