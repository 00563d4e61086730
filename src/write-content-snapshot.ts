import { keepModelCurrent } from './classifier-build.js';
import { readSnapshot, removeSnapshot, writeSnapshot, type ContentSources } from './content-snapshot.js';
import { builtInKnowledgeDir } from './paths.js';

/**
 * The build's last step (`npm run build`, `npm start`): stores the validated built-in content so start-up
 * need not parse YAML, and the topic classifier trained on it. A snapshot or model already made from the
 * same inputs is kept, so a start with nothing changed stays quick. Content that does not validate leaves
 * neither: the bot then parses the files at start and stops with its usual one-line error naming the file.
 */
async function main(): Promise<void> {
  const dir = builtInKnowledgeDir();
  const sources = readSnapshot(dir) ?? (await remakeSnapshot(dir));
  if (!sources) return;
  try {
    await keepModelCurrent(dir, sources);
  } catch (err) {
    process.stderr.write(`classifier model not written: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}

async function remakeSnapshot(dir: string): Promise<ContentSources | undefined> {
  removeSnapshot();
  // Loaded only when the snapshot must be remade: the YAML parser is most of this step's time.
  const { parseContentSources } = await import('./content-sources.js');
  try {
    const sources = await parseContentSources(dir);
    writeSnapshot(dir, sources);
    return sources;
  } catch (err) {
    process.stderr.write(`content snapshot not written: ${err instanceof Error ? err.message : String(err)}\n`);
    return undefined;
  }
}

await main();
