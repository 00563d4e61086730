/**
 * One error base with a stable `code`. Faults (store down, bad config) are `BotError`s;
 * mistakes a user can fix are `UserFacingError`s and carry the text to show them.
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
  readonly userText: string;

  constructor(code: string, userText: string, options?: { cause?: unknown }) {
    super(code, userText, options);
    this.name = 'UserFacingError';
    this.userText = userText;
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
