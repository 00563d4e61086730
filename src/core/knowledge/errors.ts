/**
 * A knowledge file is missing, malformed or inconsistent. The message names the file and the field,
 * so start-up fails with something a content author can fix.
 */
export class KnowledgeError extends Error {
  readonly code = 'knowledge_invalid';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KnowledgeError';
  }
}
