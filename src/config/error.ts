/**
 * The one error the configuration stage throws. Its message is the whole sentence a user reads,
 * so the CLI prints it as it is and never a stack trace.
 */

export type ConfigErrorCode =
  | 'ConfigException'
  | 'UnknownKey'
  | 'InvalidValue'
  | 'InvalidScenario'
  /** A transaction.timeout.ms the broker's transaction.max.timeout.ms refuses (INVALID_TRANSACTION_TIMEOUT). */
  | 'InvalidTransactionTimeout';

export class ConfigError extends Error {
  readonly code: ConfigErrorCode;

  constructor(code: ConfigErrorCode, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
  }
}

/** How much of a value a message quotes: enough to recognise it, never a megabyte of it. */
const QUOTED_MAX = 60;

/**
 * A value as a message quotes it: in JSON's quotes and escapes, so control characters and binary
 * bytes show as escapes; cut to its first characters, with its length, when it is long.
 */
export function quoted(text: string): string {
  if (text.length <= QUOTED_MAX) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, QUOTED_MAX))}… (${text.length} characters)`;
}
