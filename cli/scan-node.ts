import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createScanPool, type ScanPool, type ScanPoolOptions, type ScanWorkerFactory } from '../lib/scan/pool';
import { createScanWorkerHandler, type ScanWorkerRequest } from '../lib/scan/scan-worker';

/**
 * The scan pool on Node's `worker_threads`, for the CLI. This module is also the workers' entry: started
 * with the flag below in `workerData`, it serves scan requests on its parent port.
 *
 * The default entry is this module's own URL, which works when it runs as a file of its own (tsx, or a
 * bundle made from it alone). A bundle that inlines it into a bigger program (the CLI's dist/session-lens.mjs)
 * must not re-run that program in every worker: bundle cli/scan-node.ts as a separate entry too and pass
 * its URL as `entry`.
 */

const WORKER_FLAG = 'sessionLensScanWorker';

if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] === true) {
  const port = parentPort;
  const handle = createScanWorkerHandler((response) => port.postMessage(response));
  port.on('message', (request: ScanWorkerRequest) => handle(request));
}

/** Makes scan workers with `worker_threads`, each running `entry` (default: this module). */
function nodeScanWorkerFactory(entry: URL | string = new URL(import.meta.url)): ScanWorkerFactory {
  return () => {
    const worker = new Worker(entry, { workerData: { [WORKER_FLAG]: true } });
    let terminated = false;
    return {
      post: (request) => worker.postMessage(request),
      listen(onMessage, onError) {
        worker.on('message', onMessage);
        worker.on('error', (error) => {
          if (!terminated) onError(error);
        });
        worker.on('exit', (code) => {
          if (!terminated) onError(new Error(`scan worker exited with code ${code}`));
        });
      },
      terminate: () => {
        terminated = true;
        void worker.terminate();
      },
    };
  };
}

interface NodeScanPoolOptions extends Partial<Omit<ScanPoolOptions, 'createWorker'>> {
  /** The workers' entry module (see above). */
  entry?: URL | string;
}

/** A scan pool with one worker per core (`os.availableParallelism()`) unless `size` says otherwise. */
export function createNodeScanPool(options: NodeScanPoolOptions = {}): ScanPool {
  const { entry, size, ...rest } = options;
  return createScanPool({ ...rest, size: size ?? availableParallelism(), createWorker: nodeScanWorkerFactory(entry) });
}
