import { BotError } from '../../errors.js';

/**
 * A knowledge file is missing, malformed or inconsistent. The message names the file and the field,
 * so start-up fails with something a content author can fix. Same code as a bad checklist file.
 */
export class KnowledgeError extends BotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('knowledge_invalid', message, options);
    this.name = 'KnowledgeError';
  }
}
