// Writes tiny but valid GGUF v3 files (llama architecture, random weights, a small SPM vocab) so
// model tests can load and run a real model without any download. The text it generates is
// gibberish; tests assert on structure, never on wording.
import { writeFileSync } from 'node:fs';

/** GGUF metadata value types (the numbers are fixed by the format). */
const valueType = { uint32: 4, int32: 5, float32: 6, string: 8, array: 9 } as const;
const tensorTypeF32 = 0;
const alignment = 32;

/** SPM token types as llama.cpp reads them. */
const tokenType = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

export interface TinyModelShape {
  embedding: number;
  feedForward: number;
  layers: number;
  heads: number;
  kvHeads: number;
  contextLength: number;
}

export const tinyShape: TinyModelShape = { embedding: 64, feedForward: 128, layers: 2, heads: 4, kvHeads: 2, contextLength: 2048 };

export interface TinyModelOptions {
  shape?: Partial<TinyModelShape>;
  /** Leave out one tensor (e.g. `blk.0.attn_q.weight`) to make an invalid model. */
  omitTensor?: string;
  /** Seed of the weights: the same seed gives the same file. */
  seed?: number;
  name?: string;
}

type MetadataValue =
  | { type: 'uint32' | 'int32' | 'float32'; value: number }
  | { type: 'string'; value: string }
  | { type: 'array'; items: 'string'; value: string[] }
  | { type: 'array'; items: 'float32' | 'int32'; value: number[] };

/** Little-endian byte builder. */
class ByteWriter {
  private readonly chunks: Buffer[] = [];
  length = 0;

  private push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  uint32(value: number): void {
    const chunk = Buffer.alloc(4);
    chunk.writeUInt32LE(value);
    this.push(chunk);
  }

  int32(value: number): void {
    const chunk = Buffer.alloc(4);
    chunk.writeInt32LE(value);
    this.push(chunk);
  }

  uint64(value: number): void {
    const chunk = Buffer.alloc(8);
    chunk.writeBigUInt64LE(BigInt(value));
    this.push(chunk);
  }

  float32(value: number): void {
    const chunk = Buffer.alloc(4);
    chunk.writeFloatLE(value);
    this.push(chunk);
  }

  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.uint64(bytes.length);
    this.push(bytes);
  }

  bytes(chunk: Buffer): void {
    this.push(chunk);
  }

  padTo(multiple: number): void {
    const padding = (multiple - (this.length % multiple)) % multiple;
    if (padding > 0) this.push(Buffer.alloc(padding));
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function writeMetadataValue(writer: ByteWriter, entry: MetadataValue): void {
  if (entry.type === 'array') {
    writer.uint32(valueType.array);
    writer.uint32(valueType[entry.items]);
    writer.uint64(entry.value.length);
    for (const item of entry.value) {
      if (entry.items === 'string') writer.string(item as string);
      else if (entry.items === 'int32') writer.int32(item as number);
      else writer.float32(item as number);
    }
    return;
  }
  writer.uint32(valueType[entry.type]);
  if (entry.type === 'string') writer.string(entry.value);
  else if (entry.type === 'uint32') writer.uint32(entry.value);
  else if (entry.type === 'int32') writer.int32(entry.value);
  else writer.float32(entry.value);
}

/** Word pieces after the byte tokens: enough for English-ish and Python-ish prompts to tokenize compactly. */
const wordPieces = [
  '▁the', '▁a', '▁is', '▁to', '▁of', '▁and', '▁in', '▁this', '▁that', '▁it', '▁not', '▁use', '▁code',
  '▁line', '▁function', '▁def', '▁return', '▁import', '▁if', '▁for', '▁with', '▁eval', '▁why', '▁what',
  '▁how', '▁data', '▁input', '▁user', '▁file', '▁run', '▁call', '▁safe', '▁fix', '▁rule', '▁explain',
  '▁INST', '▁SYS', '▁[', ']', '[', '/', '<<', '>>', '▁(', ')', '(', ':', '▁=', '=', ',', '.', '"', '{', '}',
  '▁{', '▁}', '▁"', '▁0', '▁1', '▁true', '▁false', '▁null', 'ing', 'ed', 'er', 'es', 'ion', 'al', 'ly',
  '▁', '\n', '▁self', '▁print', '▁value', '▁name', '▁str', '▁int', '▁list', '▁dict', '▁None', '▁True',
  '▁False', '▁class', '▁pass', '▁raise', '▁try', '▁except', '▁as', '▁from', '▁or', '▁on', '▁be', '▁can',
];

interface Vocabulary {
  tokens: string[];
  scores: number[];
  types: number[];
}

function buildVocabulary(): Vocabulary {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types: number[] = [tokenType.unknown, tokenType.control, tokenType.control];
  for (let byte = 0; byte < 256; byte++) {
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(tokenType.byte);
  }
  const seen = new Set(tokens);
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789'.split('');
  for (const piece of [...wordPieces, ...letters, ...letters.map((letter) => `▁${letter}`)]) {
    if (seen.has(piece)) continue;
    seen.add(piece);
    tokens.push(piece);
    types.push(tokenType.normal);
  }
  // SPM merges prefer higher scores: longer pieces first.
  const scores = tokens.map((token, index) => (types[index] === tokenType.normal ? token.length - index / 10000 : 0));
  return { tokens, scores, types };
}

/** A small deterministic PRNG (mulberry32) so the same seed writes the same weights. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

interface TensorPlan {
  name: string;
  /** Innermost dimension first, as GGUF stores them. */
  dims: number[];
  fill: 'ones' | 'random';
}

function planTensors(shape: TinyModelShape, vocabularySize: number): TensorPlan[] {
  const { embedding, feedForward, layers, heads, kvHeads } = shape;
  const kvWidth = (embedding / heads) * kvHeads;
  const plans: TensorPlan[] = [
    { name: 'token_embd.weight', dims: [embedding, vocabularySize], fill: 'random' },
    { name: 'output_norm.weight', dims: [embedding], fill: 'ones' },
    { name: 'output.weight', dims: [embedding, vocabularySize], fill: 'random' },
  ];
  for (let layer = 0; layer < layers; layer++) {
    const prefix = `blk.${layer}.`;
    plans.push(
      { name: `${prefix}attn_norm.weight`, dims: [embedding], fill: 'ones' },
      { name: `${prefix}attn_q.weight`, dims: [embedding, embedding], fill: 'random' },
      { name: `${prefix}attn_k.weight`, dims: [embedding, kvWidth], fill: 'random' },
      { name: `${prefix}attn_v.weight`, dims: [embedding, kvWidth], fill: 'random' },
      { name: `${prefix}attn_output.weight`, dims: [embedding, embedding], fill: 'random' },
      { name: `${prefix}ffn_norm.weight`, dims: [embedding], fill: 'ones' },
      { name: `${prefix}ffn_gate.weight`, dims: [embedding, feedForward], fill: 'random' },
      { name: `${prefix}ffn_up.weight`, dims: [embedding, feedForward], fill: 'random' },
      { name: `${prefix}ffn_down.weight`, dims: [feedForward, embedding], fill: 'random' },
    );
  }
  return plans;
}

function tensorData(plan: TensorPlan, random: () => number, endOfSequenceRow: number): Buffer {
  const count = plan.dims.reduce((product, dim) => product * dim, 1);
  const data = Buffer.alloc(count * 4);
  for (let index = 0; index < count; index++) {
    data.writeFloatLE(plan.fill === 'ones' ? 1 : (random() - 0.5) * 0.4, index * 4);
  }
  // A zero output row for </s> keeps its logit at 0, below the best random logit: generation
  // runs until maxTokens instead of stopping at a random first token, which keeps tests steady.
  if (plan.name === 'output.weight') data.fill(0, endOfSequenceRow * plan.dims[0] * 4, (endOfSequenceRow + 1) * plan.dims[0] * 4);
  return data;
}

/** A GGUF file from metadata and F32 tensors. */
function ggufBytes(metadata: [string, MetadataValue][], tensors: { plan: TensorPlan; data: Buffer }[]): Buffer {
  const writer = new ByteWriter();
  writer.bytes(Buffer.from('GGUF', 'ascii'));
  writer.uint32(3);
  writer.uint64(tensors.length);
  writer.uint64(metadata.length);
  for (const [key, value] of metadata) {
    writer.string(key);
    writeMetadataValue(writer, value);
  }
  let offset = 0;
  for (const { plan, data } of tensors) {
    writer.string(plan.name);
    writer.uint32(plan.dims.length);
    for (const dim of plan.dims) writer.uint64(dim);
    writer.uint32(tensorTypeF32);
    writer.uint64(offset);
    offset += Math.ceil(data.length / alignment) * alignment;
  }
  writer.padTo(alignment);
  for (const { data } of tensors) {
    writer.bytes(data);
    writer.padTo(alignment);
  }
  return writer.toBuffer();
}

/** The GGUF bytes of a tiny llama model. */
export function tinyModelBytes(options: TinyModelOptions = {}): Buffer {
  const shape = { ...tinyShape, ...options.shape };
  const vocabulary = buildVocabulary();
  const endOfSequence = 2;
  const metadata: [string, MetadataValue][] = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: options.name ?? 'tiny-test-llama' }],
    ['general.alignment', { type: 'uint32', value: alignment }],
    ['llama.context_length', { type: 'uint32', value: shape.contextLength }],
    ['llama.embedding_length', { type: 'uint32', value: shape.embedding }],
    ['llama.block_count', { type: 'uint32', value: shape.layers }],
    ['llama.feed_forward_length', { type: 'uint32', value: shape.feedForward }],
    ['llama.attention.head_count', { type: 'uint32', value: shape.heads }],
    ['llama.attention.head_count_kv', { type: 'uint32', value: shape.kvHeads }],
    ['llama.rope.dimension_count', { type: 'uint32', value: shape.embedding / shape.heads }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'float32', value: 1e-5 }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'array', items: 'string', value: vocabulary.tokens }],
    ['tokenizer.ggml.scores', { type: 'array', items: 'float32', value: vocabulary.scores }],
    ['tokenizer.ggml.token_type', { type: 'array', items: 'int32', value: vocabulary.types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'uint32', value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'uint32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'uint32', value: endOfSequence }],
  ];
  const random = randomSource(options.seed ?? 1234);
  const tensors = planTensors(shape, vocabulary.tokens.length)
    .filter((plan) => plan.name !== options.omitTensor)
    .map((plan) => ({ plan, data: tensorData(plan, random, endOfSequence) }));
  return ggufBytes(metadata, tensors);
}

export function writeTinyModel(path: string, options: TinyModelOptions = {}): string {
  writeFileSync(path, tinyModelBytes(options));
  return path;
}

/**
 * A LoRA adapter for the tiny model (as a fine-tune exported to GGUF would be): low-rank A and B
 * matrices for each attention query and value projection.
 */
export function tinyLoraBytes(options: { shape?: Partial<TinyModelShape>; rank?: number; seed?: number } = {}): Buffer {
  const shape = { ...tinyShape, ...options.shape };
  const rank = options.rank ?? 4;
  const kvWidth = (shape.embedding / shape.heads) * shape.kvHeads;
  const metadata: [string, MetadataValue][] = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.type', { type: 'string', value: 'adapter' }],
    ['general.alignment', { type: 'uint32', value: alignment }],
    ['adapter.type', { type: 'string', value: 'lora' }],
    ['adapter.lora.alpha', { type: 'float32', value: rank }],
  ];
  const random = randomSource(options.seed ?? 99);
  const plans: TensorPlan[] = [];
  for (let layer = 0; layer < shape.layers; layer++) {
    for (const [name, outputs] of [['attn_q', shape.embedding], ['attn_v', kvWidth]] as const) {
      // A is [inputs, rank] and B is [rank, outputs], innermost dimension first.
      plans.push({ name: `blk.${layer}.${name}.weight.lora_a`, dims: [shape.embedding, rank], fill: 'random' });
      plans.push({ name: `blk.${layer}.${name}.weight.lora_b`, dims: [rank, outputs], fill: 'random' });
    }
  }
  return ggufBytes(metadata, plans.map((plan) => ({ plan, data: tensorData(plan, random, -1) })));
}
