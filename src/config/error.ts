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
