// Keeps llama.cpp's recent log lines. Native load failures only say "Failed to load model"; the
// reason (a missing tensor, a truncated file) is in the log, which can arrive a moment later.
import type { LlamaLogLevel } from './llamaModule';

const capacity = 200;

export class LlamaLogBuffer {
  private readonly lines: { serial: number; level: string; message: string }[] = [];
  private serial = 0;

  constructor(private readonly forward?: (level: string, message: string) => void) {}

  readonly logger = (level: LlamaLogLevel, message: string): void => {
    const text = message.trim();
    if (!text) return;
    this.lines.push({ serial: ++this.serial, level: String(level), message: text });
    if (this.lines.length > capacity) this.lines.shift();
    this.forward?.(String(level), text);
  };

  /** A mark to pass to `explain` later. */
  mark(): number {
    return this.serial;
  }

  /** The reason for a failure since `mark`, once the log has had a moment to catch up. */
  async explain(mark: number, settleMs = 50): Promise<string | undefined> {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const recent = this.lines.filter((line) => line.serial > mark);
    // Errors say why; warnings only when there is no error (they are often unrelated notices).
    const errors = recent.filter((line) => line.level === 'error' || line.level === 'fatal');
    const chosen = errors.length > 0 ? errors : recent.filter((line) => line.level === 'warn');
    const lines = chosen.map((line) => line.message.replace(/^\w+: /, ''));
    // The generic "failed to load model" adds nothing to a specific reason; repeats neither.
    const specific = lines.filter((line) => !/^failed to load model$/i.test(line));
    const reasons = [...new Set(specific.length > 0 ? specific : lines)];
    return reasons.length > 0 ? reasons.slice(-4).join('; ') : undefined;
  }
}
