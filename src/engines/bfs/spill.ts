/**
 * An append-only array of fixed-size records of 32-bit words whose older part lives in a file, as
 * TLC keeps its parent pointers on disk: the visited set's per-state records (parent, action,
 * fingerprint) and out-degrees are written once and read back only to rebuild a counterexample
 * or to write a shard's states, so memory holds only the newest records. The file is unlinked as
 * soon as it is opened: it vanishes when it is closed or the process ends, whatever happens.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Records kept in memory before the oldest are written out. */
export const TAIL_RECORDS = 1 << 14;

/** A file's descriptor, closed when its array is collected without `close()`. */
interface File {
  fd: number | null;
}
const files = new FinalizationRegistry<File>((file) => {
  if (file.fd !== null) closeSync(file.fd);
});

export class SpillArray {
  /** The newest records, from `tailStart` on. */
  tail: Uint32Array;
  tailStart = 0;
  length = 0;
  private readonly file: File = { fd: null };
  private readonly one: Uint32Array;

  constructor(
    readonly words: number,
    private readonly tailRecords = TAIL_RECORDS,
  ) {
    this.tail = new Uint32Array(words * 64);
    this.one = new Uint32Array(words);
    files.register(this, this.file);
  }

  /** Makes room for one more record; returns its first word's index in `tail`. */
  append(): number {
    let at = (this.length - this.tailStart) * this.words;
    if (at === this.tail.length) {
      if (this.tail.length < this.tailRecords * this.words) {
        const bigger = new Uint32Array(this.tail.length * 2);
        bigger.set(this.tail);
        this.tail = bigger;
      } else {
        this.flush();
        at = 0;
      }
    }
    this.length++;
    return at;
  }

  private flush(): void {
    if (this.file.fd === null) this.file.fd = openUnlinked();
    const bytes = new Uint8Array(this.tail.buffer, this.tail.byteOffset, this.tail.byteLength);
    writeSync(this.file.fd, bytes, 0, bytes.length, this.tailStart * this.words * 4);
    this.tailStart = this.length;
    this.tail.fill(0);
  }

  /** Word `word` of record `index`. */
  get(index: number, word: number): number {
    if (index >= this.tailStart) return this.tail[(index - this.tailStart) * this.words + word]!;
    this.read(index);
    return this.one[word]!;
  }

  /** Sets word `word` of a record already appended. */
  set(index: number, word: number, value: number): void {
    if (index >= this.tailStart) {
      this.tail[(index - this.tailStart) * this.words + word] = value;
      return;
    }
    this.read(index);
    this.one[word] = value;
    const bytes = new Uint8Array(this.one.buffer);
    writeSync(this.file.fd!, bytes, 0, bytes.length, index * this.words * 4);
  }

  private read(index: number): void {
    const bytes = new Uint8Array(this.one.buffer);
    readSync(this.file.fd!, bytes, 0, bytes.length, index * this.words * 4);
  }

  /** Every record, in one array (for a checkpoint or a states file). */
  all(): Uint32Array {
    const all = new Uint32Array(this.length * this.words);
    if (this.tailStart > 0) {
      const head = new Uint8Array(all.buffer, 0, this.tailStart * this.words * 4);
      for (let done = 0; done < head.length; ) {
        done += readSync(this.file.fd!, head, done, head.length - done, done);
      }
    }
    all.set(this.tail.subarray(0, (this.length - this.tailStart) * this.words), this.tailStart * this.words);
    return all;
  }

  /** Records `all()` gave, appended to an empty array. */
  load(records: Uint32Array): void {
    for (let i = 0; i < records.length; i += this.words) {
      const at = this.append();
      this.tail.set(records.subarray(i, i + this.words), at);
    }
  }

  /** Bytes held in memory. */
  get bytes(): number {
    return this.tail.byteLength;
  }

  close(): void {
    if (this.file.fd !== null) closeSync(this.file.fd);
    this.file.fd = null;
  }
}

function openUnlinked(): number {
  const dir = mkdtempSync(join(tmpdir(), 'deliverycheck-'));
  const file = join(dir, 'records');
  const fd = openSync(file, 'w+');
  unlinkSync(file);
  rmdirSync(dir);
  return fd;
}
