import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const SCRIPT = join('scripts', 'build-if-stale.mjs');
const HOUR_AGO = new Date(Date.now() - 3_600_000);
const BUILT = new Date(Date.now() - 1_800_000);
const BUNDLED = new Date(BUILT.getTime() + 60_000);
const NOW = new Date();

/**
 * A project of its own for the script: stand-ins for the compiler (notes that it ran and writes a build
 * record), for the snapshot step and for the bundler (each notes that it ran; the bundler writes the bundle);
 * every input an hour old, built half an hour ago, bundled after that.
 */
function scratchProject(): { root: string; ran: () => string[] } {
  const root = mkdtempSync(join(tmpdir(), 'rustgo-prestart-'));
  const log = join(root, 'ran.txt');
  for (const dir of ['scripts', 'src/core', 'adapters', 'dist/src', 'dist/app', 'node_modules/typescript/bin']) mkdirSync(join(root, dir), { recursive: true });
  copyFileSync(join(packageRoot(), SCRIPT), join(root, SCRIPT));
  writeFileSync(
    join(root, 'node_modules/typescript/bin/tsc'),
    `const fs = require('node:fs');\nfs.appendFileSync(${JSON.stringify(log)}, 'tsc\\n');\nfs.writeFileSync('dist/.tsbuildinfo', '{}');\n`,
  );
  writeFileSync(join(root, 'dist/src/write-content-snapshot.js'), `require('node:fs').appendFileSync(${JSON.stringify(log)}, 'snapshot\\n');\n`);
  writeFileSync(
    join(root, 'scripts/bundle.mjs'),
    `import fs from 'node:fs';\nfs.appendFileSync(${JSON.stringify(log)}, 'bundle\\n');\nfs.writeFileSync('dist/app/main.js', '');\n`,
  );
  utimesSync(join(root, 'scripts/bundle.mjs'), HOUR_AGO, HOUR_AGO);
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'src/main.ts', 'src/core/bot.ts', 'adapters/index.ts']) writeFileSync(join(root, file), '{}');
  for (const path of ['tsconfig.json', 'tsconfig.build.json', 'src/main.ts', 'src/core/bot.ts', 'src/core', 'src', 'adapters/index.ts', 'adapters']) {
    utimesSync(join(root, path), HOUR_AGO, HOUR_AGO);
  }
  writeFileSync(join(root, 'dist/.tsbuildinfo'), '{}');
  utimesSync(join(root, 'dist/.tsbuildinfo'), BUILT, BUILT);
  writeFileSync(join(root, 'dist/app/main.js'), '');
  utimesSync(join(root, 'dist/app/main.js'), BUNDLED, BUNDLED);
  return { root, ran: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

const run = (root: string) => execFileSync(process.execPath, [join(root, SCRIPT)], { cwd: root, encoding: 'utf8' });

describe("npm start's build step", () => {
  it('GIVEN no input newer than the build record THEN the compiler is skipped and the snapshot step still runs', () => {
    const { root, ran } = scratchProject();
    run(root);
    expect(ran()).toEqual(['snapshot']);
  });

  it('GIVEN a source file edited after the build THEN the compiler runs', () => {
    const { root, ran } = scratchProject();
    utimesSync(join(root, 'src/core/bot.ts'), NOW, NOW);
    run(root);
    expect(ran()).toEqual(['tsc', 'snapshot', 'bundle']);
  });

  it('GIVEN a file added to a folder after the build THEN the compiler runs', () => {
    const { root, ran } = scratchProject();
    writeFileSync(join(root, 'adapters/new.ts'), '{}');
    utimesSync(join(root, 'adapters/new.ts'), HOUR_AGO, HOUR_AGO);
    run(root);
    expect(ran()).toEqual(['tsc', 'snapshot', 'bundle']);
  });

  it('GIVEN a tsconfig changed after the build THEN the compiler runs', () => {
    const { root, ran } = scratchProject();
    utimesSync(join(root, 'tsconfig.build.json'), NOW, NOW);
    run(root);
    expect(ran()).toEqual(['tsc', 'snapshot', 'bundle']);
  });

  it('GIVEN no bundle THEN only the bundler runs after the snapshot step', () => {
    const { root, ran } = scratchProject();
    rmSync(join(root, 'dist/app/main.js'));
    run(root);
    expect(ran()).toEqual(['snapshot', 'bundle']);
  });

  it('GIVEN the bundler script changed after the bundle THEN the bundle is remade', () => {
    const { root, ran } = scratchProject();
    utimesSync(join(root, 'scripts/bundle.mjs'), NOW, NOW);
    run(root);
    expect(ran()).toEqual(['snapshot', 'bundle']);
  });

  it('GIVEN no build record THEN the compiler runs', () => {
    const { root, ran } = scratchProject();
    rmSync(join(root, 'dist/.tsbuildinfo'));
    run(root);
    expect(ran()).toEqual(['tsc', 'snapshot', 'bundle']);
  });

  it('GIVEN package.json THEN npm start builds through this script and runs the bundle that npm run build ends with', () => {
    const scripts = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.prestart).toBe(`node ${SCRIPT}`);
    expect(scripts.build).toMatch(/^tsc -b tsconfig\.build\.json && node dist\/src\/write-content-snapshot\.js && node scripts\/bundle\.mjs$/);
    expect(scripts.start).toMatch(/ dist\/app\/main\.js$/);
  });
});
