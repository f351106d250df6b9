// A catalog entry for the tiny GGUF that test/support/gguf.ts writes, shaped like the shipped
// CodeLlama entries. Plain data without project imports, so the tests inside VS Code use it too.

type Task = 'explain' | 'fix' | 'review' | 'docstring' | 'triage';

/** The shared fields, with `fields` (id, name, where the file is, ...) added or overriding. */
export function tinyCatalogEntry<Fields extends object>(fields: Fields) {
  return {
    family: 'test',
    parametersBillions: 0.01,
    quantization: 'F32',
    sizeBytes: 600_000,
    sizeIsApproximate: true,
    sha256: null,
    contextLength: 2048,
    chatFormat: 'llama2' as const,
    ramBytes: 10_000_000,
    vramBytes: 10_000_000,
    kvCacheBytesPerToken: 1024,
    tasks: ['explain', 'fix', 'review', 'docstring', 'triage'] as Task[],
    fallbackOrder: 1,
    tier: 'standard' as const,
    ...fields,
  };
}
