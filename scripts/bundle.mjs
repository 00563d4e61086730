// The build's last step: the compiled app in dist/ bundled into dist/app/, what `npm start` and the image run.
// Node 20 loads ES modules one file at a time through its loader, and start-up read about two hundred small
// files, our own and zod's. Bundled they are a dozen, which took about a tenth off the time from spawn to the
// first answered request. Bolt is inlined too: loading it from node_modules (express, axios, the Web API
// client, undici) took about 250 ms of a 500 ms start, and about 120 ms from the bundle. Other packages stay
// external: Node resolves them as usual, so native addons, worker-thread transports and lazily imported
// platform libraries behave exactly as when run from dist/src. Imports that run on demand (the Slack and
// Discord adapters, the YAML loaders, the terminal chat) become chunks of their own, loaded only when reached.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const INLINED = new Set(['zod', '@slack/bolt']);

const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !INLINED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

// Chunk names carry a content hash: a previous build's chunks would otherwise stay behind.
rmSync(join(root, 'dist', 'app'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['dist/src/main.js'],
  outdir: 'dist/app',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // Bolt's CommonJS dependencies call require(); in an ES module bundle that needs a real one.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  logLevel: 'warning',
});
