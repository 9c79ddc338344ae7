// Starts a worker of the parallel search: worker threads do not inherit tsx's loader, so
// this plain module registers it, then imports the TypeScript worker named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
