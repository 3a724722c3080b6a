import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The real frameworks are Debian packages for the system Python, not whatever python3 is first on PATH. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** Why the real Flask app cannot run here, or null when it can. */
export function flaskUnavailableReason(): string | null {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import flask'], { encoding: 'utf8' });
  if (probe.error) return `${SYSTEM_PYTHON} is missing (apt-get install python3-flask)`;
  if (probe.status !== 0) return `Flask is not installed for ${SYSTEM_PYTHON} (apt-get install python3-flask)`;
  return null;
}

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

/** Starts tests/apps/flask_login_app.py on a free 127.0.0.1 port and waits for its READY line. */
export async function startFlaskLoginApp(secret: string): Promise<RunningApp> {
  const child = spawn(SYSTEM_PYTHON, [join(import.meta.dirname, 'flask_login_app.py'), '--port', '0'], {
    env: { ...process.env, SESSION_LENS_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Flask app did not start in 15 s: ${stderr}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`Flask app exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^READY (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return { url, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
