/**
 * Test helper: a raw DEFLATE stream that inflates to `bytes` zero bytes (rounded up to a multiple of 258, plus one),
 * written directly — one dynamic-Huffman block of a literal 0 and then "copy 258 bytes from 1 back" repeated, two
 * bits per repeat — so a gigabyte bomb takes a moment and ~1 MB to make, where compressing a gigabyte would take
 * half a minute. For the tests of hostile share links (unit and end-to-end).
 */
class Bits {
  private readonly out: number[] = [];
  private acc = 0;
  private n = 0;

  /** `value`'s low `count` bits, least significant first (DEFLATE's order for header fields and extra bits). */
  write(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.bit((value >> i) & 1);
  }

  /** A Huffman code of `length` bits, most significant bit first. */
  code(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bit((code >> i) & 1);
  }

  /** `count` zero bits at once (whole bytes when aligned). */
  zeros(count: number): void {
    while (count > 0 && this.n !== 0) {
      this.bit(0);
      count--;
    }
    const bytes = Math.floor(count / 8);
    for (let i = 0; i < bytes; i++) this.out.push(0);
    for (let i = 0; i < count - 8 * bytes; i++) this.bit(0);
  }

  private bit(b: number): void {
    this.acc |= b << this.n;
    if (++this.n === 8) {
      this.out.push(this.acc);
      this.acc = 0;
      this.n = 0;
    }
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.n > 0 ? [...this.out, this.acc] : this.out);
  }
}

export function deflateBomb(bytes: number): Uint8Array {
  const repeats = Math.ceil(Math.max(0, bytes - 1) / 258);
  const w = new Bits();
  w.write(1, 1); // final block
  w.write(2, 2); // dynamic Huffman
  w.write(286 - 257, 5); // HLIT: literal/length codes 0..285
  w.write(2 - 1, 5); // HDIST: distance codes 0..1
  w.write(18 - 4, 4); // HCLEN: code-length codes in the first 18 places of the order below
  // Code-length code lengths, in DEFLATE's order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1: 18 → 1 bit, 1 and 2 → 2 bits.
  const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
  const clLength: Record<number, number> = { 18: 1, 1: 2, 2: 2 };
  for (const sym of order) w.write(clLength[sym] ?? 0, 3);
  // Canonical codes of that alphabet: 18 → 0; 1 → 10; 2 → 11.
  const cl = (sym: 1 | 2) => w.code(sym === 1 ? 0b10 : 0b11, 2);
  const zerosRun = (n: number) => {
    w.code(0, 1); // 18: a run of 11..138 zero lengths
    w.write(n - 11, 7);
  };
  // Literal/length code lengths: 0 → 2, 1..255 → 0, 256 → 2, 257..284 → 0, 285 → 1; distance codes 0, 1 → 1.
  cl(2);
  zerosRun(138);
  zerosRun(117);
  cl(2);
  zerosRun(28);
  cl(1);
  cl(1);
  cl(1);
  // Canonical literal/length codes: 285 → 0; 0 → 10; 256 → 11. Distance codes: 0 (distance 1) → 0.
  w.code(0b10, 2); // literal 0
  w.zeros(2 * repeats); // each repeat: length 258 (code 0) at distance 1 (code 0)
  w.code(0b11, 2); // end of block
  return w.bytes();
}
