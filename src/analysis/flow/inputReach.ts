// Whether a project module can hand untrusted data to its callers: its text mentions a source
// outside its `if __name__ == "__main__":` block (a script's own argv says nothing about what
// its functions return). Names imported from modules that cannot are no reason to analyse the
// functions that use them. A text test, no parsing; kept by file and stamp.
import type { FrameworkModel } from './models';
import type { ProjectFiles } from './project';

/** Every model's source words, whatever the file imports: a helper module need not import Flask to read `request.args`. */
export function anyMentionPattern(models: readonly FrameworkModel[], options: { environmentSources: boolean }): RegExp | undefined {
  const sources = models
    .filter((model) => !model.mentionsOnlyWith && (model.optIn !== 'environment' || options.environmentSources))
    .flatMap((model) => {
      const words = model.helperMentions ?? (model.appliesTo ? undefined : model.mentions);
      return words ? [words.source] : [];
    });
  return sources.length > 0 ? new RegExp(sources.map((source) => `(?:${source})`).join('|')) : undefined;
}

const mainGuard = /^if\s+__name__\s*==\s*['"]__main__['"]\s*:/m;

export class InputReach {
  private readonly known = new Map<string, { stamp: string; reaches: boolean }>();

  reaches(project: ProjectFiles, mentions: RegExp, file: string): boolean {
    const stamp = project.stamp(file);
    if (!stamp) return false;
    const known = this.known.get(file);
    if (known && known.stamp === stamp) return known.reaches;
    const text = project.text(file) ?? '';
    const guard = mainGuard.exec(text);
    const reaches = mentions.test(guard ? text.slice(0, guard.index) : text);
    this.known.set(file, { stamp, reaches });
    return reaches;
  }

  clear(): void {
    this.known.clear();
  }
}
