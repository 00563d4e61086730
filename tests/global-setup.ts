import { execFileSync } from 'node:child_process';

/** Builds dist/ and its bundle once, so tests that spawn the real app run what `npm start` runs. */
export function setup(): void {
  if (process.env.RUSTGO_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.build.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
}
