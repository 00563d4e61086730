// `npm start`'s build step. `tsc -b` alone needs about a second to load the compiler and find that nothing
// changed, so this checks first, the way `tsc -b` itself decides: the build is current when no input file,
// input folder (a file added, renamed or removed changes its folder) or tsconfig is newer than the build
// record dist/.tsbuildinfo. Anything newer, or no record, runs the real `npm run build` steps; the bundle in
// dist/app is remade when it is older than the build record or than the script that makes it.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const INPUT_DIRS = ['src', 'adapters'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time under `dir`, folders included. */
function newestUnder(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

function bundleIsCurrent() {
  const bundled = mtime(join(root, 'dist', 'app', 'main.js'));
  return bundled !== undefined && bundled >= Math.max(mtime(join(root, 'dist', '.tsbuildinfo')) ?? Infinity, mtime(join(root, 'scripts', 'bundle.mjs')) ?? 0);
}

function compiledIsCurrent() {
  const built = mtime(join(root, 'dist', '.tsbuildinfo'));
  if (built === undefined) return false;
  const inputs = [...INPUT_DIRS.map((d) => newestUnder(join(root, d))), ...INPUT_FILES.map((f) => statSync(join(root, f)).mtimeMs)];
  return Math.max(...inputs) <= built;
}

if (!compiledIsCurrent()) {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
// Keeps a current snapshot and remakes a stale one (see src/write-content-snapshot.ts).
await import(pathToFileURL(join(root, 'dist', 'src', 'write-content-snapshot.js')).href);
if (!bundleIsCurrent()) await import(pathToFileURL(join(root, 'scripts', 'bundle.mjs')).href);
