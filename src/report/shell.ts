/** Quoting for the commands the tool suggests, so a user can paste them into a POSIX shell. */

/** Quotes a word for a POSIX shell when it needs quoting. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=,@+-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
