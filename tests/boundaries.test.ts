import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/paths.js';

const root = packageRoot();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importPattern = /(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;

describe('architecture boundaries', () => {
  it('GIVEN any src/ file but main.ts THEN it imports no platform library and nothing under adapters/', () => {
    const offenders: string[] = [];
    for (const file of sources(join(root, 'src'))) {
      const rel = relative(root, file);
      if (rel === join('src', 'main.ts')) continue;
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(importPattern)) {
        if (!spec) continue;
        if (/^@slack\//.test(spec) || /^discord\.js/.test(spec) || /^@discordjs\//.test(spec) || spec.includes('adapters/')) {
          offenders.push(`${rel} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('GIVEN the check itself THEN it would catch an offending import', () => {
    const sample = "import { App } from '@slack/bolt';\nconst d = await import('../adapters/discord/index.js');";
    expect([...sample.matchAll(importPattern)].map((m) => m[1])).toEqual(['@slack/bolt', '../adapters/discord/index.js']);
  });
});
