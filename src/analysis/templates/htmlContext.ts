// Where in the HTML a template value lands: element text, an attribute value (which one, and what
// the value holds before it), a <script>, a <style>, or an HTML comment. A small state machine after
// the HTML tokenizer's, fed the template's text between its tags and outputs; template tags do not
// change the state, so `{% if %}` branches are read one after the other.

export type ScriptKind = 'javascript' | 'data' | 'other';

export type HtmlContext =
  | { kind: 'text' }
  | { kind: 'tag' }
  | { kind: 'attribute'; tag: string; name: string; quote: '"' | "'" | ''; valueBefore: string }
  | { kind: 'script'; script: ScriptKind }
  | { kind: 'style' }
  | { kind: 'comment' };

type State =
  | 'data'
  | 'tagName'
  | 'endTag'
  | 'beforeAttribute'
  | 'attributeName'
  | 'afterAttributeName'
  | 'beforeValue'
  | 'value'
  | 'comment'
  | 'declaration'
  | 'rawText';

/** MIME types browsers run as script (and `module`); an empty or missing type is JavaScript too. */
const javascriptTypes = /^(?:(?:text|application)\/(?:x-)?(?:javascript|ecmascript|jscript|livescript)(?:\d\.\d)?|module)$/;
/** Data blocks: read by code, never run, and HTML escaping does not make them unsafe. */
const dataTypes = /^(?:application\/(?:[\w.+-]+\+)?json|importmap|speculationrules|text\/plain)$/;

export function scriptKind(type: string | undefined): ScriptKind {
  const normalized = (type ?? '').trim().toLowerCase().split(';')[0].trim();
  if (!normalized || javascriptTypes.test(normalized)) return 'javascript';
  return dataTypes.test(normalized) ? 'data' : 'other';
}

const isSpace = (char: string) => char === ' ' || char === '\n' || char === '\t' || char === '\r' || char === '\f';
const isLetter = (char: string) => (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');

export class HtmlContextTracker {
  private state: State = 'data';
  private tagName = '';
  private attributeName = '';
  private quote: '"' | "'" | '' = '';
  private value = '';
  private attributes = new Map<string, string | undefined>();
  /** In raw text (script, style, textarea, title): the end tag that closes it. */
  private rawTextTag = '';
  private script: ScriptKind = 'javascript';
  /** Text of the current state that a later character may complete (`</scr`, `<!-`). */
  private pending = '';

  /** The context a template value placed here lands in. */
  context(): HtmlContext {
    switch (this.state) {
      case 'value':
        return { kind: 'attribute', tag: this.tagName, name: this.attributeName, quote: this.quote, valueBefore: this.value };
      case 'tagName':
      case 'endTag':
      case 'beforeAttribute':
      case 'attributeName':
      case 'afterAttributeName':
      case 'beforeValue':
        return { kind: 'tag' };
      case 'comment':
      case 'declaration':
        return { kind: 'comment' };
      case 'rawText':
        if (this.rawTextTag === 'script') return { kind: 'script', script: this.script };
        if (this.rawTextTag === 'style') return { kind: 'style' };
        return { kind: 'text' };
      default:
        return { kind: 'text' };
    }
  }

  /** A template value was written here: `href={{ url }}` starts an unquoted attribute value. */
  templateValue(context: HtmlContext): HtmlContext {
    if (this.state === 'beforeValue') {
      this.state = 'value';
      this.quote = '';
      this.value = '';
      return { kind: 'attribute', tag: this.tagName, name: this.attributeName, quote: '', valueBefore: '' };
    }
    if (this.state === 'value') this.value += '\u0000'; // a value the template fills in
    return context;
  }

  feed(text: string): void {
    for (let index = 0; index < text.length; index++) this.step(text[index]);
  }

  private step(char: string): void {
    switch (this.state) {
      case 'data':
        if (this.pending) this.afterLessThan(char);
        else if (char === '<') this.pending = '<';
        return;
      case 'tagName':
        if (isSpace(char) || char === '/') this.state = 'beforeAttribute';
        else if (char === '>') this.endStartTag();
        else this.tagName += char.toLowerCase();
        return;
      case 'endTag':
        if (char === '>') this.state = 'data';
        return;
      case 'beforeAttribute':
        if (char === '>') this.endStartTag();
        else if (!isSpace(char) && char !== '/') this.startAttribute(char);
        return;
      case 'attributeName':
        if (char === '=') this.state = 'beforeValue';
        else if (isSpace(char)) this.state = 'afterAttributeName';
        else if (char === '>' || char === '/') {
          this.commitAttribute(undefined);
          if (char === '>') this.endStartTag();
          else this.state = 'beforeAttribute';
        } else this.attributeName += char.toLowerCase();
        return;
      case 'afterAttributeName':
        if (char === '=') this.state = 'beforeValue';
        else if (char === '>') {
          this.commitAttribute(undefined);
          this.endStartTag();
        } else if (!isSpace(char)) {
          this.commitAttribute(undefined);
          this.startAttribute(char);
        }
        return;
      case 'beforeValue':
        if (isSpace(char)) return;
        if (char === '>') {
          this.commitAttribute('');
          this.endStartTag();
          return;
        }
        this.state = 'value';
        this.quote = char === '"' || char === "'" ? char : '';
        this.value = this.quote ? '' : char;
        return;
      case 'value':
        if (this.quote ? char === this.quote : isSpace(char)) {
          this.commitAttribute(this.value);
          this.state = 'beforeAttribute';
        } else if (!this.quote && char === '>') {
          this.commitAttribute(this.value);
          this.endStartTag();
        } else this.value += char;
        return;
      case 'comment':
        this.pending = (this.pending + char).slice(-3);
        if (this.pending === '-->') {
          this.pending = '';
          this.state = 'data';
        }
        return;
      case 'declaration':
        if (char === '>') this.state = 'data';
        return;
      case 'rawText': {
        // Waits for `</script` (or the element's own end tag), in any case.
        const closer = `</${this.rawTextTag}`;
        this.pending = (this.pending + char.toLowerCase()).slice(-closer.length);
        if (this.pending === closer) {
          this.pending = '';
          this.state = 'endTag';
        }
        return;
      }
    }
  }

  /** The character after `<` in element text decides what starts: a tag, an end tag, a comment. */
  private afterLessThan(char: string): void {
    const seen = this.pending + char;
    if (seen === '<!--') {
      this.pending = '';
      this.state = 'comment';
    } else if (seen === '<!' || seen === '<!-') {
      this.pending = seen;
    } else if (seen.startsWith('<!')) {
      this.pending = '';
      this.state = 'declaration';
    } else if (seen === '</') {
      this.pending = seen;
    } else if (seen.length === 3 && seen.startsWith('</') && isLetter(char)) {
      this.pending = '';
      this.state = 'endTag';
    } else if (seen.length === 2 && isLetter(char)) {
      this.pending = '';
      this.state = 'tagName';
      this.tagName = char.toLowerCase();
      this.attributes = new Map();
    } else {
      this.pending = char === '<' ? '<' : '';
    }
  }

  private startAttribute(char: string): void {
    this.state = 'attributeName';
    this.attributeName = char.toLowerCase();
  }

  private commitAttribute(value: string | undefined): void {
    if (!this.attributes.has(this.attributeName)) this.attributes.set(this.attributeName, value);
  }

  private endStartTag(): void {
    this.state = 'data';
    if (this.tagName === 'script' || this.tagName === 'style' || this.tagName === 'textarea' || this.tagName === 'title') {
      this.state = 'rawText';
      this.rawTextTag = this.tagName;
      this.pending = '';
      if (this.tagName === 'script') {
        const type = this.attributes.get('type');
        // A type the template fills in is unknown: read as script, the browser's default.
        this.script = type?.includes('\u0000') ? 'javascript' : scriptKind(type);
      }
    }
  }
}
