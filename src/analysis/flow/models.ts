// Taint models as data: what reads untrusted data (sources), what must not receive it (sinks),
// what makes it safe for which sink (sanitisers and guards), and how frameworks hand requests to
// code (routes, typed parameters, handler classes). One model per framework or library, in
// rules/<language>/taint/models/; this file only says what a model may contain and indexes them.
import type { Confidence } from '../finding';
import type { Shape, SourceFamily } from './value';

/**
 * Names are qualified through the file's imports: `flask.request.args`, `os.system`. A call's
 * result adds `()`: `sqlite3.connect().cursor().execute`. In paths, `*` stands for one segment
 * and `**` for any number of them.
 */
export interface SourceModel {
  /** Read as an attribute, or called when `call` is set. Give `path` or `method`. */
  readonly path?: string;
  /** A method of any receiver (`sock.recv(1024)`), with `receiver` matching the receiver's text. */
  readonly method?: string;
  readonly receiver?: RegExp;
  readonly call?: boolean;
  /** Shown in traces and messages; defaults to the path without its package. */
  readonly label?: string;
  readonly family?: SourceFamily;
  /** From the local user (argv, input()) rather than the network. */
  readonly local?: boolean;
  /** Off unless this option is turned on (`environment` for os.environ). */
  readonly optIn?: 'environment';
  /**
   * Sink kinds this data cannot harm as it arrives: a raw request line or header value holds no
   * line break (log and header injection), the URL of this request points here (open redirect).
   * A decoding step (unquote, b64decode) takes that back.
   */
  readonly safeFor?: readonly string[];
}

export interface KeywordCondition {
  readonly keyword: string;
  /** The same argument passed by position. */
  readonly position?: number;
}

/**
 * The argument at `keyword` (or `position`) is one of these refs, starts with one of these
 * constant strings, is a falsy constant, or was made by a call that passed `refKeywordFalsy` a
 * falsy constant (`parser=XMLParser(resolve_entities=False)`).
 */
export interface UnlessCondition extends KeywordCondition {
  readonly refs?: readonly string[];
  readonly constants?: readonly string[];
  readonly falsy?: boolean;
  readonly refKeywordFalsy?: string;
  /** The argument is a container of this shape (`self.write({...})` sends JSON, not HTML). */
  readonly shapes?: readonly Shape[];
}

export interface SinkModel {
  /** The taint rule this sink belongs to (`sql-injection`). */
  readonly kind: string;
  readonly path?: string;
  readonly method?: string;
  readonly receiver?: RegExp;
  /** Positional arguments that must not be untrusted (default: the first). */
  readonly args?: readonly number[];
  readonly keywords?: readonly string[];
  /** Every argument counts (logging calls). */
  readonly allArgs?: boolean;
  /**
   * The positional argument that is a `%` template for the ones after it (logging's lazy
   * formatting): an argument under `%r` (repr escapes line breaks) or a numeric conversion is
   * safe for this sink.
   */
  readonly formatTemplate?: number;
  /** The receiver's own data counts (`Path(name).read_text()`). */
  readonly receiverData?: boolean;
  /** A store into the object is the sink: `session[key] = value`, `session.update(...)`. */
  readonly store?: boolean;
  /** Only the program of a command counts: a string, or the first item of a list (see commandProgram). */
  readonly programOnly?: boolean;
  /**
   * Only when this keyword (or position) is passed a truthy value (`shell=True`; a value not
   * known counts), or, with `startsWith`, a constant string starting with one of them.
   */
  readonly requires?: KeywordCondition & { readonly startsWith?: readonly string[] };
  /** Not when any of these holds (a safe loader, a plain-text content type). */
  readonly unless?: readonly UnlessCondition[];
  /** Only when the untrusted data sits at the very start of the text (the host of a URL). */
  readonly prefixSensitive?: 'url' | 'redirect';
  readonly label?: string;
  readonly confidence?: Confidence;
}

export interface SanitizerModel {
  readonly path?: string;
  readonly method?: string;
  /** Sink kinds the result is safe for; `all` for every kind of the input family. */
  readonly safeFor: readonly string[] | 'all';
  /** The result is a new value (a number, a boolean, a hash): none of the input data survives. */
  readonly converts?: boolean;
  /** For methods: only when the first argument is one of these constants (`.replace('\n', '')`). */
  readonly firstArgument?: readonly string[];
}

export interface PropagatorModel {
  readonly path?: string;
  readonly method?: string;
  /** With `method`: the receiver's text must match (`MailingList.objects`). */
  readonly receiver?: RegExp;
  /** It decodes (unquote, b64decode, json.loads): what escaping or a source made safe is unsafe again. */
  readonly decodes?: boolean;
  /** It returns its first argument as it is, for the analysis (a translation of a constant message). */
  readonly returnsArgument?: boolean;
}

export interface GuardModel {
  /** A check function: `is_safe_url(value)`, `url_has_allowed_host_and_scheme(value, ...)`. */
  readonly path?: string;
  /** A method of the checked value: `value.isdigit()`. */
  readonly method?: string;
  /** Which argument is checked (default 0); ignored for methods, which check the receiver. */
  readonly argument?: number;
  readonly safeFor: readonly string[] | 'all';
}

export interface RouteModel {
  /** `@<anything>.route(...)`: the decorator's method name; or a qualified decorator. */
  readonly decoratorMethod?: string;
  readonly decoratorPath?: string;
  /** URL pattern syntax of the decorator's first argument, for typed captures (`<int:id>`, `{id}`). */
  readonly pattern?: 'flask' | 'braces';
  /** Which parameters carry request data: every one, or only those the URL pattern captures. */
  readonly parameters: 'all' | 'captures';
  /** Parameter annotations that make a value safe by conversion (`int`, `uuid.UUID`). */
  readonly safeAnnotations?: readonly string[];
  /** Parameters with these default calls are injected, not request data (`Depends(...)`). */
  readonly injectedDefaults?: readonly string[];
  /** A string the view returns is sent as HTML. */
  readonly returnsHtml?: boolean;
  readonly label: string;
}

export interface ParameterModel {
  /** A parameter of this name, or annotated with this qualified type, holds the object `ref`. */
  readonly name?: string;
  readonly annotation?: string;
  readonly ref: string;
  /** Such a parameter makes its function a view: the other parameters are URL captures. */
  readonly marksView?: boolean;
}

export interface HandlerClassModel {
  /** Qualified base class: `tornado.web.RequestHandler`. */
  readonly base: string;
  /** What `self` is inside such a class. */
  readonly self: string;
  /** Methods whose parameters (after self) are URL captures. */
  readonly captureMethods?: readonly string[];
  /** How the URL captures are named in traces (default "URL parameter"). */
  readonly label?: string;
  /** A string the capture methods return is sent as HTML (Flask's MethodView). */
  readonly returnsHtml?: boolean;
}

export interface FrameworkModel {
  readonly name: string;
  /** Its names are the project's own code (from its configuration): their modules are still followed as project files. */
  readonly projectNames?: boolean;
  /** The model applies only to files whose text matches (imports of the framework); every pattern, when several. */
  readonly appliesTo?: RegExp | readonly RegExp[];
  /** The model is off unless this option is on (`environment`: environment variables are input). */
  readonly optIn?: 'environment';
  /** Words whose presence means this model's sources may be read in a file. */
  readonly mentions?: RegExp;
  /** The mentions count only in a file that also matches this (where a sink for them may be). */
  readonly mentionsOnlyWith?: RegExp;
  /**
   * Words that, in a module that does not import the framework, still suggest it handles its
   * request data (a helper taking the request: `request.args`). Defaults to `mentions` for models
   * that apply to every file.
   */
  readonly helperMentions?: RegExp;
  readonly sources?: readonly SourceModel[];
  readonly sinks?: readonly SinkModel[];
  readonly sanitizers?: readonly SanitizerModel[];
  readonly propagators?: readonly PropagatorModel[];
  /**
   * Calls whose result carries none of their arguments' data: a database lookup by a user's value
   * returns rows from the database, not the value.
   */
  readonly barriers?: readonly PropagatorModel[];
  readonly guards?: readonly GuardModel[];
  readonly routes?: readonly RouteModel[];
  readonly parameters?: readonly ParameterModel[];
  readonly handlerClasses?: readonly HandlerClassModel[];
  /** Calls that never return (`flask.abort`, `sys.exit`): code after them in a branch is dead. */
  readonly exits?: readonly string[];
  /** Attributes that are another modelled object: `tornado.web.RequestHandler().request` is a request. */
  readonly aliases?: readonly { readonly path: string; readonly ref: string }[];
}

// --- Index ---------------------------------------------------------------------------------------

interface Entry<T> {
  readonly model: FrameworkModel;
  readonly entry: T;
}

class EntryTable<T extends { path?: string; method?: string }> {
  private readonly byPath = new Map<string, Entry<T>[]>();
  private readonly wildcards: { pattern: RegExp; item: Entry<T> }[] = [];
  private readonly byMethod = new Map<string, Entry<T>[]>();

  add(model: FrameworkModel, entry: T): void {
    const item = { model, entry };
    if (entry.path?.includes('*')) {
      // `**` is any run of segments; `*` inside a segment any text without a dot (`*()` is any call).
      const pattern = entry.path
        .split('.')
        .map((segment) => (segment === '**' ? '(?:[^.]+\\.)*?[^.]+' : segment.replace(/[()[\]\\^$|?+]/g, '\\$&').replace(/\*/g, '[^.]*')))
        .join('\\.');
      this.wildcards.push({ pattern: new RegExp(`^${pattern}$`), item });
    } else if (entry.path) {
      push(this.byPath, entry.path, item);
    } else if (entry.method) {
      push(this.byMethod, entry.method, item);
    }
  }

  forPath(path: string, active: ReadonlySet<FrameworkModel>): T[] {
    const found: T[] = [];
    for (const item of this.byPath.get(path) ?? []) if (active.has(item.model)) found.push(item.entry);
    for (const { pattern, item } of this.wildcards) if (active.has(item.model) && pattern.test(path)) found.push(item.entry);
    return found;
  }

  forMethod(method: string, active: ReadonlySet<FrameworkModel>): T[] {
    return (this.byMethod.get(method) ?? []).filter((item) => active.has(item.model)).map((item) => item.entry);
  }

  /** True when some entry's path starts with `prefix` (so the name is a library the models know). */
  knowsPrefix(prefix: string): boolean {
    for (const path of this.byPath.keys()) if (path === prefix || path.startsWith(prefix + '.')) return true;
    return false;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every model of a language, indexed for lookups by qualified name and by method name. */
export class ModelIndex {
  readonly sources = new EntryTable<SourceModel>();
  readonly sinks = new EntryTable<SinkModel>();
  readonly sanitizers = new EntryTable<SanitizerModel>();
  readonly propagators = new EntryTable<PropagatorModel>();
  readonly barriers = new EntryTable<PropagatorModel>();
  readonly guards = new EntryTable<GuardModel>();
  readonly exits = new EntryTable<{ path: string }>();
  private readonly aliases = new EntryTable<{ path: string; ref: string }>();
  /** Sink kind -> bit, for the `safe` masks of taints. */
  readonly kindBits = new Map<string, number>();
  /** First segments of every modelled name: such modules are libraries, never project files. */
  readonly libraryRoots = new Set<string>();

  constructor(readonly models: readonly FrameworkModel[], kinds: readonly string[]) {
    kinds.forEach((kind, index) => this.kindBits.set(kind, 1 << index));
    for (const model of models) {
      for (const source of model.sources ?? []) this.sources.add(model, source);
      for (const sink of model.sinks ?? []) {
        if (!this.kindBits.has(sink.kind)) throw new Error(`Model ${model.name}: sink kind "${sink.kind}" is not a taint rule.`);
        this.sinks.add(model, sink);
      }
      for (const sanitizer of model.sanitizers ?? []) {
        for (const kind of sanitizer.safeFor === 'all' ? [] : sanitizer.safeFor) this.checkKind(model, kind, 'sanitiser');
        this.sanitizers.add(model, sanitizer);
      }
      for (const source of model.sources ?? []) for (const kind of source.safeFor ?? []) this.checkKind(model, kind, 'source');
      for (const propagator of model.propagators ?? []) this.propagators.add(model, propagator);
      for (const barrier of model.barriers ?? []) this.barriers.add(model, barrier);
      for (const guard of model.guards ?? []) this.guards.add(model, guard);
      for (const exit of model.exits ?? []) this.exits.add(model, { path: exit });
      for (const alias of model.aliases ?? []) this.aliases.add(model, alias);
      const names = [
        ...(model.sources ?? []),
        ...(model.sinks ?? []),
        ...(model.sanitizers ?? []),
        ...(model.propagators ?? []),
        ...(model.guards ?? []),
      ].flatMap((entry) => (entry.path ? [entry.path] : []));
      if (!model.projectNames) for (const name of [...names, ...(model.exits ?? [])]) this.libraryRoots.add(name.split('.')[0]);
    }
  }

  private checkKind(model: FrameworkModel, kind: string, role: string): void {
    if (!this.kindBits.has(kind)) throw new Error(`Model ${model.name}: ${role} kind "${kind}" is not a taint rule.`);
  }

  /** The object an attribute path stands for, when a model says it is another object. */
  aliasFor(path: string, active: ReadonlySet<FrameworkModel>): string | undefined {
    return this.aliases.forPath(path, active)[0]?.ref;
  }

  /** Bits for a sanitiser's or guard's kinds. */
  bitsFor(kinds: readonly string[] | 'all'): number {
    if (kinds === 'all') return this.allBits;
    let bits = 0;
    for (const kind of kinds) bits |= this.kindBits.get(kind) ?? 0;
    return bits;
  }

  get allBits(): number {
    return (1 << this.kindBits.size) - 1;
  }

  /** Models that apply to a file: those without `appliesTo`, and those whose patterns the text matches. */
  activeFor(text: string, options: { environmentSources: boolean }): Set<FrameworkModel> {
    return new Set(
      this.models.filter((model) => {
        if (model.optIn === 'environment' && !options.environmentSources) return false;
        const patterns = model.appliesTo instanceof RegExp ? [model.appliesTo] : model.appliesTo ?? [];
        return patterns.every((pattern) => pattern.test(text));
      }),
    );
  }
}
