#!/usr/bin/env node
// npm run demo [-- --port N] [-- --no-browser]
//
// Serves a demo site on 127.0.0.1 that sets real sessions made by real frameworks (tests/fixtures/), builds the
// extension if the build is missing or older than its sources, and opens Chromium with the build loaded on the
// demo page (a separate profile in .output/demo-chromium-profile). Without a display it says so and prints the URL
// and the build path instead. Serves until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDemoSite } from './demo-site.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
const PROFILE_DIR = join(ROOT, '.output/demo-chromium-profile');
const DEFAULT_PORT = 8790;
/** What the build is made from: newer than the build means rebuild. */
const SOURCES = ['entrypoints', 'components', 'lib', 'public', 'wxt.config.ts', 'package.json'];

function option(name) {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : (process.argv[index + 1] ?? '');
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIfNeeded() {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((source) => newestMtime(join(ROOT, source))));
  if (built >= sources) {
    console.log(`Extension build is up to date: ${EXTENSION_DIR}`);
    return;
  }
  console.log(built ? 'Sources changed since the last build: running wxt build…' : 'No build yet: running wxt build…');
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) {
    console.error('wxt build failed; fix the build and run npm run demo again.');
    process.exit(1);
  }
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((candidate) => candidate && existsSync(candidate));
}

async function listen() {
  const wanted = option('--port');
  const port = wanted !== undefined ? Number(wanted) : DEFAULT_PORT;
  try {
    return await startDemoSite({ port });
  } catch (error) {
    if (error.code !== 'EADDRINUSE' || wanted !== undefined) throw error;
    return startDemoSite({ port: 0 }); // the usual port is taken: any free one
  }
}

buildIfNeeded();
const site = await listen();
console.log(`\nDemo site: ${site.url}`);
console.log(`Unpacked extension: ${EXTENSION_DIR}`);

let chromium;
const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
const browserPath = findChromium();
if (process.argv.includes('--no-browser')) {
  console.log('\n--no-browser: not starting Chromium.');
} else if (!display) {
  console.log('\nNo display here ($DISPLAY and $WAYLAND_DISPLAY are both empty), so no browser window can open.');
  console.log('On a machine with a screen: open chrome://extensions, turn on Developer mode, "Load unpacked" the folder above,');
  console.log(`then open ${site.url}`);
} else if (!browserPath) {
  console.log('\nNo Chromium found (set CHROMIUM_PATH, or apt-get install chromium). Load the folder above unpacked in');
  console.log(`chrome://extensions (Developer mode) and open ${site.url}`);
} else {
  console.log(`\nStarting ${browserPath} with the extension loaded (profile: ${PROFILE_DIR})…`);
  chromium = spawn(
    browserPath,
    [
      `--user-data-dir=${PROFILE_DIR}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-first-run',
      '--no-default-browser-check',
      site.url,
    ],
    { stdio: 'ignore' },
  );
  chromium.on('error', (error) => console.log(`Chromium did not start (${error.message}); open ${site.url} yourself.`));
  chromium.on('exit', (code) => {
    chromium = undefined;
    console.log(`Chromium exited${code ? ` with code ${code}` : ''}; the demo site is still at ${site.url}`);
  });
}
console.log('\nServing until Ctrl-C.');

async function stop() {
  chromium?.kill('SIGTERM');
  await site.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
