// Server-sent events out of a streamed body, with eventsource-parser (SSE framing has corner
// cases: events split across chunks, CRLF, comments, multi-line data). The package is ESM-only:
// it is loaded with a real import() (tsc with module node16 keeps it; esbuild bundles it).
type EventSourceParserModule = typeof import('eventsource-parser', { with: { 'resolution-mode': 'import' } });

let loading: Promise<EventSourceParserModule> | undefined;

function loadParser(): Promise<EventSourceParserModule> {
  loading ??= import('eventsource-parser');
  return loading;
}

/** One event larger than this is not a chat chunk; the stream is refused rather than buffered forever. */
const largestEventChars = 8 * 1024 * 1024;

/** The `data` of each event, in order. */
export async function* serverSentData(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  const { createParser } = await loadParser();
  const ready: string[] = [];
  let failure: Error | undefined;
  const parser = createParser({
    maxBufferSize: largestEventChars,
    onEvent: (event) => ready.push(event.data),
    onError: (error) => {
      // Unknown fields are allowed by the format; only an overflowing buffer ends the stream.
      if (error.type === 'max-buffer-size-exceeded') failure = new Error(`an event exceeded ${largestEventChars} characters`);
    },
  });
  for await (const chunk of chunks) {
    parser.feed(chunk);
    if (failure) throw failure;
    while (ready.length > 0) yield ready.shift()!;
  }
  // A last event without its blank line still counts.
  parser.reset({ consume: true });
  while (ready.length > 0) yield ready.shift()!;
}
