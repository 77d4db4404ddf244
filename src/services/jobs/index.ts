/**
 * Heavy work (review, import parsing, report rendering, export writing) and where it runs: a
 * worker pool with time and memory budgets for the server, the calling thread for the CLI.
 */
export { BUDGETS, POOL_SIZE, QUEUE_LIMIT, type Budget, type JobKind } from './budgets.ts';
export { JobPool, busyError, inProcess, type JobRunner, type PoolOptions } from './pool.ts';
export { runTask, type JobInput, type JobOutput } from './tasks.ts';
