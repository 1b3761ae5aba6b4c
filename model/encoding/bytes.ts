/**
 * The byte writer and reader the State encoding uses. Integers are zigzag varints (7 bits a byte,
 * low bits first, the top bit saying more follow): small values, which the model's counters,
 * offsets and indices almost always are, take one byte, and -1 (the model's "none") takes one
 * too. A nullable integer is written as 0 for null and 1 + its zigzag code otherwise. The writer
 * keeps one buffer, grown when needed and reused by every encoding.
 */

export class ByteWriter {
  bytes = new Uint8Array(512);
  length = 0;

  reset(): void {
    this.length = 0;
  }

  /** The bytes written since the last reset: a view, valid until the next write. */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** Appends `source[0, length)`. */
  copy(source: Uint8Array, length: number): void {
    while (this.length + length > this.bytes.length) this.grow();
    const bytes = this.bytes;
    const at = this.length;
    for (let i = 0; i < length; i++) bytes[at + i] = source[i]!;
    this.length = at + length;
  }

  byte(value: number): void {
    if (this.length === this.bytes.length) this.grow();
    this.bytes[this.length++] = value;
  }

  int(value: number): void {
    // 31-bit zigzag in integer arithmetic, the common case.
    if ((value | 0) === value && value < 0x40000000 && value > -0x40000000) {
      this.unsigned(value >= 0 ? value << 1 : (-value << 1) - 1);
    } else {
      if (!Number.isSafeInteger(value)) throw new RangeError(`cannot encode ${value}: not a safe integer`);
      const code = value >= 0 ? value * 2 : -value * 2 - 1;
      // Past ±2^52 the zigzag code passes 2^53, where a double no longer holds every integer.
      if (!Number.isSafeInteger(code))
        throw new RangeError(`cannot encode ${value}: its zigzag code passes 2^53 (the limit is ±2^52)`);
      this.unsigned(code);
    }
  }

  /** null as 0, an integer as 1 + its zigzag code. */
  nullableInt(value: number | null): void {
    if (value === null) this.byte(0);
    else this.unsigned((value >= 0 ? value * 2 : -value * 2 - 1) + 1);
  }

  /** A non-negative integer below 2^53. */
  unsigned(value: number): void {
    if (this.length + 8 > this.bytes.length) this.grow();
    const bytes = this.bytes;
    let n = value;
    while (n >= 0x80) {
      bytes[this.length++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    bytes[this.length++] = n;
  }

  private grow(): void {
    const bigger = new Uint8Array(this.bytes.length * 2);
    bigger.set(this.bytes);
    this.bytes = bigger;
  }
}

export class ByteReader {
  private position = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** How many bytes have been read. */
  get offset(): number {
    return this.position;
  }

  get done(): boolean {
    return this.position === this.bytes.length;
  }

  byte(): number {
    if (this.position >= this.bytes.length) throw new RangeError('encoding ends early');
    return this.bytes[this.position++]!;
  }

  bool(): boolean {
    const b = this.byte();
    if (b > 1) throw new RangeError(`not a boolean: ${b}`);
    return b === 1;
  }

  unsigned(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
  }

  int(): number {
    return unzigzag(this.unsigned());
  }

  nullableInt(): number | null {
    const n = this.unsigned();
    return n === 0 ? null : unzigzag(n - 1);
  }
}

function unzigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}
