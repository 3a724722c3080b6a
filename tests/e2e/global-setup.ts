// Builds the extension once before the end-to-end tests, so they drive the current code, not a stale .output/.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function buildExtension(): void {
  if (prebuilt()) {
    console.log('e2e: SESSION_LENS_E2E_PREBUILT=1, testing the existing .output/ builds as they are');
    return;
  }
  const root = resolve(import.meta.dirname, '../..');
  const started = Date.now();
  // NODE_ENV: Vitest sets it to "test", and Vite would then bundle React's development build.
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NODE_ENV: 'production' } });
  if (build.error || build.status !== 0) {
    throw new Error(`wxt build failed (exit ${build.status ?? build.error?.message}):\n${build.stdout}\n${build.stderr}`);
  }
  console.log(`e2e: built .output/chrome-mv3 with wxt build in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * SESSION_LENS_E2E_PREBUILT=1 skips the builds (here and Firefox's in its test file): for looping the end-to-end
 * tests over one build of the current code, e.g. to check they are stable.
 */
export function prebuilt(): boolean {
  return process.env.SESSION_LENS_E2E_PREBUILT === '1';
}
