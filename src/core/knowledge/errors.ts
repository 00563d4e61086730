/** Kept so the knowledge loader's import stays; the one content-error type lives in src/errors.ts. */
export { KnowledgeError } from '../../errors.js';
