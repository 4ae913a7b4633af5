/** Snowflake ids: 42 bits ms since EPOCH, 10 bits worker, 12 bits sequence; strings on the wire. */

export const SNOWFLAKE_EPOCH = 1735689600000n; // 2025-01-01T00:00:00Z

export class SnowflakeGenerator {
  private lastMs = -1n;
  private seq = 0n;
  private readonly worker: bigint;

  constructor(workerId = Math.floor(Math.random() * 1024)) {
    this.worker = BigInt(workerId & 0x3ff);
  }

  next(): string {
    let now = BigInt(Date.now());
    if (now < this.lastMs) now = this.lastMs; // clock went back: stay monotonic
    if (now === this.lastMs) {
      this.seq = (this.seq + 1n) & 0xfffn;
      if (this.seq === 0n) now = this.lastMs + 1n; // sequence exhausted: borrow the next ms
    } else {
      this.seq = 0n;
    }
    this.lastMs = now;
    return (((now - SNOWFLAKE_EPOCH) << 22n) | (this.worker << 12n) | this.seq).toString();
  }
}

const defaultGenerator = new SnowflakeGenerator();
export const newId = (): string => defaultGenerator.next();

export const SNOWFLAKE_PATTERN = '^[0-9]{1,19}$';

export function isSnowflake(value: string): boolean {
  return /^[0-9]{1,19}$/.test(value) && BigInt(value) <= 0x7fffffffffffffffn;
}

export function snowflakeTime(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + SNOWFLAKE_EPOCH));
}
