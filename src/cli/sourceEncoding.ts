// A Python file's bytes as text and back, as CPython reads them (PEP 263): a UTF-8 byte order mark,
// else a `coding` declaration on line 1 or 2, else UTF-8. Fixes are written back only when the
// encoding maps every character to the same bytes again; otherwise the file is left alone.

export interface DecodedSource {
  text: string;
  /** The encoding's name as CPython normalizes it (`utf-8`, `iso-8859-1`) or as declared. */
  encoding: string;
  /** The file starts with a UTF-8 byte order mark (not part of `text`). */
  bom: boolean;
  /** Set when the text cannot be written back byte for byte: why fixes are refused. */
  notWritable?: string;
  /** Set when the declared encoding could not be used and the file was read as UTF-8. */
  notice?: string;
}

const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);
/** CPython's cookie: `# -*- coding: latin-1 -*-`, `# vim: set fileencoding=utf-8 :`. */
const codingCookie = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
/** A line that lets CPython look at the next one for the cookie: blank or a comment. */
const blankOrComment = /^[ \t\f]*(?:[#\r\n]|$)/;

/** CPython's `_get_normal_name`, extended to the aliases people write for the three we can write. */
function normalName(declared: string): string {
  const lower = declared.toLowerCase();
  const name = lower.replace(/_/g, '-');
  if (name === 'utf-8' || name === 'utf8' || name.startsWith('utf-8-')) return 'utf-8';
  if (/^(latin-?1|iso-?8859-1|iso-latin-1|l1|cp819)(-|$)/.test(name)) return 'iso-8859-1';
  if (name === 'ascii' || name === 'us-ascii' || name === '646') return 'ascii';
  return lower;
}

/** The declared encoding of lines 1-2, if any. */
function declaredEncoding(bytes: Buffer): string | undefined {
  const lines = bytes.subarray(0, 2048).toString('latin1').split(/\r\n|\r|\n/, 2);
  const first = codingCookie.exec(lines[0] ?? '');
  if (first) return first[1];
  if (!blankOrComment.test(lines[0] ?? '')) return undefined;
  return codingCookie.exec(lines[1] ?? '')?.[1];
}

/** Byte -> character for a single-byte encoding, when every byte decodes to its own character. */
function singleByteTable(label: string): string[] | undefined {
  const decoder = new TextDecoder(label);
  const table = Array.from({ length: 256 }, (_, byte) => decoder.decode(Uint8Array.of(byte)));
  const injective = new Set(table).size === 256 && table.every((char) => char.length === 1 && char !== '\ufffd');
  return injective ? table : undefined;
}

const tables = new Map<string, Map<string, number> | undefined>();

/** Character -> byte for a writable single-byte encoding; undefined when it has none. */
function encoderFor(label: string): Map<string, number> | undefined {
  if (!tables.has(label)) {
    const table = singleByteTable(label);
    tables.set(label, table && new Map(table.map((char, byte) => [char, byte])));
  }
  return tables.get(label);
}

function decodeAs(bytes: Buffer, encoding: string): string | undefined {
  if (encoding === 'iso-8859-1') return bytes.toString('latin1');
  if (encoding === 'ascii') return bytes.every((byte) => byte < 0x80) ? bytes.toString('latin1') : undefined;
  // UTF-16/32 cannot declare a Python source encoding: CPython refuses them too.
  if (/^utf-(16|32)/.test(encoding)) return undefined;
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return undefined;
  }
}

/** `text` in the file's encoding; throws when a character has no byte there. */
export function encodeSource(text: string, source: Pick<DecodedSource, 'encoding' | 'bom'>): Buffer {
  if (source.encoding === 'utf-8') {
    const body = Buffer.from(text, 'utf8');
    return source.bom ? Buffer.concat([utf8Bom, body]) : body;
  }
  const limit = source.encoding === 'iso-8859-1' ? 0xff : source.encoding === 'ascii' ? 0x7f : -1;
  if (limit > 0) {
    for (let index = 0; index < text.length; index++) {
      if (text.charCodeAt(index) > limit) throw new Error(`"${text[index]}" cannot be written in ${source.encoding}.`);
    }
    return Buffer.from(text, 'latin1');
  }
  const encoder = encoderFor(source.encoding);
  if (!encoder) throw new Error(`${source.encoding} cannot be written back byte for byte.`);
  const bytes = Buffer.alloc(text.length);
  for (let index = 0; index < text.length; index++) {
    const byte = encoder.get(text[index]);
    if (byte === undefined) throw new Error(`"${text[index]}" cannot be written in ${source.encoding}.`);
    bytes[index] = byte;
  }
  return bytes;
}

export function decodeSource(bytes: Buffer): DecodedSource {
  const bom = bytes.subarray(0, 3).equals(utf8Bom);
  const declared = bom ? undefined : declaredEncoding(bytes);
  const encoding = declared ? normalName(declared) : 'utf-8';
  const body = bom ? bytes.subarray(3) : bytes;
  let text = encoding === 'utf-8' ? undefined : decodeAs(body, encoding);
  let source: DecodedSource;
  if (text === undefined) {
    text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body);
    source = { text, encoding: 'utf-8', bom };
    if (encoding !== 'utf-8') source.notice = `it could not be decoded as its declared encoding "${declared}", so it was read as UTF-8.`;
  } else {
    source = { text, encoding, bom };
  }
  if (source.notice) {
    source.notWritable = 'its declared encoding could not be read, so fixes could not be written back exactly';
    return source;
  }
  // The only test that matters: do the same characters give the same bytes again?
  let roundTrip: Buffer | undefined;
  try {
    roundTrip = encodeSource(text, source);
  } catch {
    roundTrip = undefined;
  }
  if (!roundTrip || !roundTrip.equals(bytes)) {
    source.notWritable =
      source.encoding === 'utf-8' ? 'it is not valid UTF-8, so fixes could not be written back exactly' : `its encoding (${source.encoding}) cannot be written back byte for byte`;
  }
  return source;
}
