// Deterministic mutations of Python sources for the fuzz test and `npm run fuzz`: byte flips,
// truncations, deep nesting (past the parser's limit too), huge lines, odd encodings and line
// endings, NUL bytes, splices of two files, pathological chains. Same seed, same files.
import { pathologicalShapes } from './pathologicalShapes';

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }
  /** A whole number in [0, below). */
  below(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

export interface MutatedFile {
  /** Which mutations made it, for the report. */
  mutations: string[];
  bytes: Buffer;
}

/** `scale` shrinks the sizes that only cost time (nesting, line length, repeats), not the limits being tested. */
type Mutation = (bytes: Buffer, random: SeededRandom, other: Buffer, scale: number) => Buffer;

const scaled = (size: number, scale: number) => Math.max(1, Math.round(size * scale));

function lines(bytes: Buffer): string[] {
  return bytes.toString('latin1').split('\n');
}

function insertAtLine(bytes: Buffer, random: SeededRandom, insertion: Buffer): Buffer {
  const all = lines(bytes);
  const at = random.below(all.length + 1);
  const before = Buffer.from(all.slice(0, at).map((line) => line + '\n').join(''), 'latin1');
  return Buffer.concat([before, insertion, bytes.subarray(before.length)]);
}

function nested(depth: number, opener: (level: number) => string, body: string): string {
  let text = '';
  for (let level = 0; level < depth; level++) text += opener(level);
  return text + ' '.repeat(depth) + body + '\n';
}

const mutations: Record<string, Mutation> = {
  flipBytes: (bytes, random) => {
    const copy = Buffer.from(bytes);
    for (let count = 1 + random.below(8); count > 0 && copy.length > 0; count--) copy[random.below(copy.length)] ^= 1 << random.below(8);
    return copy;
  },
  randomBytes: (bytes, random) => {
    const copy = Buffer.from(bytes);
    for (let count = 1 + random.below(16); count > 0 && copy.length > 0; count--) copy[random.below(copy.length)] = random.below(256);
    return copy;
  },
  truncate: (bytes, random) => bytes.subarray(0, random.below(bytes.length + 1)),
  deleteLines: (bytes, random) => {
    const all = lines(bytes);
    const start = random.below(all.length);
    all.splice(start, 1 + random.below(20));
    return Buffer.from(all.join('\n'), 'latin1');
  },
  duplicateLine: (bytes, random, _other, scale) => {
    const all = lines(bytes);
    const line = random.pick(all);
    return insertAtLine(bytes, random, Buffer.from(`${line}\n`.repeat(1 + random.below(scaled(5000, scale))), 'latin1'));
  },
  deepIndentation: (bytes, random) => {
    // Some stay under the parser's limit, some go past it; a string at the bottom is the crashing shape.
    const depth = random.pick([50, 200, 379, 381, 511, 600, 1200]);
    const body = random.pick(['y = "s"', 'pass', 'f"{x}"', 'return eval(x)']);
    return insertAtLine(bytes, random, Buffer.from(nested(depth, (level) => `${' '.repeat(level)}if x:\n`, body)));
  },
  deepMatch: (bytes, random) => {
    const depth = random.pick([20, 150, 200, 300]);
    return insertAtLine(bytes, random, Buffer.from(nested(depth * 2, (level) => `${' '.repeat(level)}${level % 2 === 0 ? 'match x:' : 'case "a":'}\n`, 'pass')));
  },
  deepBrackets: (bytes, random, _other, scale) => {
    const depth = scaled(random.pick([100, 1000, 20000, 100000]), scale);
    const open = random.pick(['(', '[', '{', 'f(', 'not (']);
    const close = open === '[' ? ']' : open === '{' ? '}' : ')';
    return insertAtLine(bytes, random, Buffer.from(`x = ${open.repeat(depth)}1${close.repeat(depth)}\n`));
  },
  hugeLine: (bytes, random, _other, scale) => {
    const length = scaled(random.pick([10_000, 100_000, 500_000]), scale);
    const line = random.pick([`s = "${'a'.repeat(length)}"`, `x = ${'1 + '.repeat(length / 4)}1`, `# ${'#'.repeat(length)}`, `eval(${'x'.repeat(length)})`]);
    return insertAtLine(bytes, random, Buffer.from(line + '\n'));
  },
  pathologicalChain: (bytes, random, _other, scale) => {
    const build = random.pick(Object.values(pathologicalShapes));
    return insertAtLine(bytes, random, Buffer.from(build(scaled(random.pick([100, 1000, 3000]), scale))));
  },
  crOnly: (bytes) => Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1'),
  crlf: (bytes) => Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1'),
  mixedLineEndings: (bytes, random) => Buffer.from(lines(bytes).map((line) => line + random.pick(['\n', '\r', '\r\n'])).join(''), 'latin1'),
  tabs: (bytes) => Buffer.from(bytes.toString('latin1').replace(/^((?: {4})+)/gm, (spaces) => '\t'.repeat(spaces.length / 4)), 'latin1'),
  utf8Bom: (bytes) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]),
  latin1Cookie: (bytes, random) => insertAtLine(Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\n'), bytes]), random, Buffer.from([0x73, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0xff, 0x80, 0x22, 0x0a])),
  oddCookie: (bytes, random) => Buffer.concat([Buffer.from(`# coding: ${random.pick(['cp1252', 'shift_jis', 'koi8-r', 'utf-16', 'no-such-codec', 'ascii'])}\n`), bytes]),
  utf16: (bytes) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('latin1'), 'utf16le')]),
  nulByte: (bytes, random) => {
    const at = random.below(bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]);
  },
  controlCharacters: (bytes, random) => insertAtLine(bytes, random, Buffer.from(`x = "${String.fromCharCode(...Array.from({ length: 20 }, () => random.below(32)))}"\n`, 'latin1')),
  loneSurrogates: (bytes, random) => insertAtLine(bytes, random, Buffer.from([0x73, 0x3d, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x0a])),
  splice: (bytes, random, other) => {
    const at = random.below(bytes.length + 1);
    const from = random.below(other.length + 1);
    return Buffer.concat([bytes.subarray(0, at), other.subarray(from, from + random.below(4096)), bytes.subarray(at)]);
  },
  empty: () => Buffer.alloc(0),
};

export const mutationNames = Object.keys(mutations);

/** `count` files made from `seeds` with 1-3 mutations each, the same for the same seed and scale. */
export function* mutatedFiles(seeds: readonly Buffer[], count: number, seed: number, scale = 1): Generator<MutatedFile> {
  const random = new SeededRandom(seed);
  for (let index = 0; index < count; index++) {
    let bytes = random.pick(seeds);
    const applied: string[] = [];
    for (let step = 1 + random.below(3); step > 0; step--) {
      const name = random.pick(mutationNames);
      bytes = mutations[name](bytes, random, random.pick(seeds), scale);
      applied.push(name);
    }
    yield { mutations: applied, bytes };
  }
}
