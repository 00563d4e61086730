import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devSplitFile } from '../../src/classifier-build.js';
import { packageRoot } from '../../src/paths.js';

const root = packageRoot();
/** The labelled questions the build's classifier learns from beside the topics' examples. */
const DEV_SPLIT = 'tests/knowledge/eval/dev.yaml';
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const scripts = () => (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const json = (file: string) => JSON.parse(read(file)) as { include?: string[]; compilerOptions?: { outDir?: string } };

describe('what the production build and image hold', () => {
  it('GIVEN tsconfig.build.json THEN it compiles src/ and adapters/ only', () => {
    expect(json('tsconfig.build.json').include?.sort()).toEqual(['adapters', 'src']);
  });

  it('GIVEN the Dockerfile THEN it copies neither bench/ nor tests/ (but the dev split the classifier learns from), and .dockerignore keeps them out of the context', () => {
    const copies = read('Dockerfile')
      .split('\n')
      .filter((line) => /^\s*COPY\b/i.test(line) && !line.includes('--from='));
    expect(copies.length).toBeGreaterThan(0);
    const devSplit = `COPY ${DEV_SPLIT} ./${DEV_SPLIT}`;
    expect(copies).toContain(devSplit);
    for (const line of copies.filter((l) => l !== devSplit)) expect(line).not.toMatch(/\b(bench|tests)\b/);
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['bench', 'tests', `!${DEV_SPLIT}`]));
    expect(ignored.filter((l) => l.startsWith('!'))).toEqual([`!${DEV_SPLIT}`]);
  });

  it('GIVEN the Dockerfile THEN the dev split reaches the build stage only, so the image trains the same model as CI and ships no tests', () => {
    const dockerfile = read('Dockerfile');
    const runtimeAt = dockerfile.lastIndexOf('\nFROM ');
    const copiedAt = dockerfile.indexOf(`COPY ${DEV_SPLIT} `);
    expect(copiedAt).toBeGreaterThan(0);
    expect(copiedAt).toBeLessThan(dockerfile.indexOf('RUN npm run build'));
    expect(copiedAt).toBeLessThan(runtimeAt);
    expect(relative(root, devSplitFile())).toBe(DEV_SPLIT);
  });

  it('GIVEN the Dockerfile THEN its build stage copies every folder npm run build reads before running it, and the image runs the bundle', () => {
    const dockerfile = read('Dockerfile');
    const buildAt = dockerfile.indexOf('RUN npm run build');
    expect(buildAt).toBeGreaterThan(0);
    for (const dir of ['src', 'adapters', 'knowledge', 'scripts']) {
      const copiedAt = dockerfile.search(new RegExp(`^COPY ${dir} \\./${dir}$`, 'm'));
      expect(copiedAt, `COPY ${dir}`).toBeGreaterThan(0);
      expect(copiedAt).toBeLessThan(buildAt);
    }
    expect(dockerfile).toMatch(/^CMD \[.*"dist\/app\/main\.js"\]$/m);
    expect(scripts().start).toMatch(/ dist\/app\/main\.js$/);
    // The image starts the app exactly as npm start does, with the same Node flags (the young-generation size).
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    expect(cmd.join(' ')).toBe(scripts().start);
  });

  it('GIVEN npm run build THEN the bundler’s entry dist/src/main.js is emitted and no test helper or bench file is', () => {
    expect(scripts().build).toMatch(/tsconfig\.build\.json/);
    const out = mkdtempSync(join(tmpdir(), 'rustgo-build-'));
    const listed = execFileSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out, '--tsBuildInfoFile', join(out, '.tsbuildinfo'), '--listEmittedFiles'],
      { cwd: root, encoding: 'utf8' },
    );
    const emitted = listed
      .split('\n')
      .filter((l) => l.startsWith('TSFILE: '))
      .map((l) => relative(out, l.slice('TSFILE: '.length)))
      .filter((f) => f.endsWith('.js'));
    expect(emitted).toContain(join('src', 'main.js'));
    expect(existsSync(join(out, 'src', 'main.js'))).toBe(true);
    const stray = emitted.filter((f) => !f.startsWith(`src/`) && !f.startsWith('adapters/'));
    expect(stray).toEqual([]);
    expect(emitted.filter((f) => /fake-|helpers|bench/.test(f))).toEqual([]);
  }, 180_000);

  it("GIVEN the README's explain-knowledge command THEN it runs the file the bench build emits", () => {
    const command = /`npm run (\S+) && node (\S+explain-knowledge\.js)/.exec(read('README.md'));
    expect(command).not.toBeNull();
    const [, script, file] = command as unknown as [string, string, string];
    const project = /tsc -[bp] (\S+)/.exec(scripts()[script] ?? '')?.[1];
    expect(project).toBeDefined();
    const config = json(project as string);
    expect(config.include).toContain('bench');
    expect(file).toBe(`${config.compilerOptions?.outDir}/bench/explain-knowledge.js`);
  });

  it('GIVEN the bench project THEN it compiles, with the type declarations the sources it reaches need', () => {
    // `tsc --noEmit` checks the whole tree through tsconfig.json; the bench's own project includes less.
    const check = () =>
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.bench.json', '--noEmit'], { cwd: root, encoding: 'utf8' });
    expect(check).not.toThrow();
  }, 180_000);

  it('GIVEN the bench project THEN every source it runs is a root, so `tsc -b` rebuilds when one changes', () => {
    // `tsc -b` decides "up to date" from its root files alone: a source reached only by import could change unseen.
    const config = JSON.parse(readFileSync(join(root, 'tsconfig.bench.json'), 'utf8')) as { include: string[] };
    expect(config.include).toEqual(expect.arrayContaining(['bench', 'src', 'adapters']));
  });
});
