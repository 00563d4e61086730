import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INVITE_PERMISSIONS, NEEDED_PERMISSIONS } from '../../adapters/discord/permissions.js';

describe('Discord setup docs match the code', () => {
  const doc = readFileSync('README.md', 'utf8');

  it('GIVEN the invite URL THEN its permission integer is the one the adapter asks for', () => {
    expect(doc).toContain(`permissions=${INVITE_PERMISSIONS}`);
    expect(doc).toContain('scope=bot%20applications.commands');
  });

  it('GIVEN the permissions note the bot sends THEN the README names each permission', () => {
    for (const p of NEEDED_PERMISSIONS) expect(doc).toContain(p);
  });
});
