import type { CatalogueCode, Said } from './core/catalogue.js';

/**
 * One error base with a stable `code`. Each kind of failure has its own class: faults (store down,
 * bad config, bad content) are `BotError`s; a refusal the user should read is a `UserFacingError`
 * whose code names its text in the catalogue (src/core/catalogue.ts).
 */
export class BotError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BotError';
    this.code = code;
  }
}

export class UserFacingError extends BotError {
  /** What to slot into the catalogue text besides the command prefix. */
  readonly said: Omit<Said, 'cmd'>;

  constructor(code: CatalogueCode, said: Omit<Said, 'cmd'> = {}, options?: { cause?: unknown }) {
    super(code, `refused: ${code}`, options);
    this.name = 'UserFacingError';
    this.said = said;
  }

  get catalogueCode(): CatalogueCode {
    return this.code as CatalogueCode;
  }
}

/** The store could not be reached or answered with an error; the user is asked to try again. */
export class StoreUnavailableError extends BotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store_unavailable', message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** Configuration is invalid; the message names the variable and what it expects. */
export class ConfigError extends BotError {
  constructor(message: string) {
    super('config_invalid', message);
    this.name = 'ConfigError';
  }
}

/**
 * A content file (knowledge topic, checklist, help) is missing, malformed or inconsistent. The message
 * names the file and the field, so start-up fails with something a content author can fix.
 */
export class KnowledgeError extends BotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('knowledge_invalid', message, options);
    this.name = 'KnowledgeError';
  }
}
