interface DedicatedScope<Request> {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: Request }) => void): void;
}

/**
 * Serves requests with the handler when this module runs in a dedicated Web Worker. The same modules load in Node
 * worker threads, pages and tests, which wire their own ports: there this does nothing.
 */
export function serveInDedicatedWorker<Request>(createHandler: (post: (response: unknown) => void) => (request: Request) => void): void {
  const dedicated = (globalThis as unknown as Record<string, unknown>).DedicatedWorkerGlobalScope;
  if (typeof dedicated !== 'function' || !(globalThis instanceof (dedicated as new () => object))) return;
  const self = globalThis as unknown as DedicatedScope<Request>;
  const handle = createHandler((response) => self.postMessage(response));
  self.addEventListener('message', (event) => handle(event.data));
}

/** A handler that runs one request at a time, in arrival order (a request may wait for the one before it). */
export function inOrder<Request>(handle: (request: Request) => Promise<void>): (request: Request) => void {
  let queue: Promise<void> = Promise.resolve();
  return (request) => {
    queue = queue.then(() => handle(request));
  };
}
