import { renderLines } from './human';
import { main } from './session-lens';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readStdin,
  env: process.env,
  colour,
  now: () => Math.floor(Date.now() / 1000),
  scanWorkerEntry: new URL('./scan-worker.mjs', import.meta.url),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${renderLines([[`session-lens: unexpected failure: ${error instanceof Error ? error.message : String(error)}`]], false)}\n`);
    process.exitCode = 1;
  },
);
