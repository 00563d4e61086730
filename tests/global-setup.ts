import { execFileSync } from 'node:child_process';

/** Builds dist/ once so tests that spawn the real app run the compiled entry point. */
export function setup(): void {
  if (process.env.RUSTGO_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.build.json'], { stdio: 'inherit' });
}
