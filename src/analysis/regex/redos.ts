// Finds the shapes of regular expression that backtrack exponentially on input that almost
// matches (ReDoS), each inside a repeat: a repeat that can read the same text as the way round the
// outer one (`(a+)+`, `(\w+\s?)*`), two repeats that meet with nothing between (`(\s*,\s*)+`), and
// branches that can read the same text (`(a|a?)+`). The pattern is
// parsed by regexpp after translation from Python's syntax; a pattern it cannot read is not judged.
import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { anyChar, caseVariants, complement, digitChars, emptySet, intersection, intersects, single, spaceChars, union, wordChars, type CharSet } from './charSets';
import { translatePythonPattern, UntranslatablePattern, type TranslatedPattern } from './pythonPattern';

export interface RedosFinding {
  kind: 'nested-repeat' | 'adjacent-repeats' | 'overlapping-alternation';
  /** The repeated part, as the parser read it. */
  repeat: string;
  /** The inner repeat, or the two branches that overlap. */
  culprit: string;
}

export type RedosVerdict = { analysed: false; reason: string } | { analysed: true; finding?: RedosFinding };

/**
 * An outer repeat bounded this low is not a loop (`(a+){2}` is quadratic at worst). Inner repeats
 * count from two: `(a{1,3})+$` splits a run of a's in exponentially many ways (measured: 1.4 s in
 * CPython 3.11 at 26 characters), while `(\d{1,3}\.)+` stays quiet because `.` separates its
 * iterations.
 */
const smallBound = 5;
/** Branch expansion limits for the alternation check. */
const maxSequences = 16;
const maxSequenceLength = 8;

type Element = AST.Element;

function contains(outer: AST.Node, node: AST.Node): boolean {
  return node.start >= outer.start && node.end <= outer.end;
}

/** The node's parent, when it has one in the pattern (the pattern itself has none). */
function parentOf(node: AST.Node): AST.Node | undefined {
  return node.type === 'Pattern' ? undefined : (node.parent as AST.Node | null) ?? undefined;
}

class Analysis {
  constructor(readonly pattern: TranslatedPattern) {}

  isLoop(quantifier: AST.Quantifier, inner = false): boolean {
    return (quantifier.max === Infinity || quantifier.max > (inner ? 1 : smallBound)) && !this.pattern.possessiveQuantifiers.has(quantifier.end);
  }

  /** Repeats that are all bounded read a bounded amount of text: however they split it, the work is bounded too. */
  unbounded(...quantifiers: AST.Quantifier[]): boolean {
    return quantifiers.some((quantifier) => quantifier.max === Infinity);
  }

  isAtomic(node: AST.Node): boolean {
    return node.type === 'Group' && this.pattern.atomicGroups.has(node.start);
  }

  /** Every character the element can read, at any place. */
  chars(node: AST.Node): CharSet {
    switch (node.type) {
      case 'Character':
        return this.pattern.flags.ignoreCase ? caseVariants(node.value) : single(node.value);
      case 'CharacterClassRange': {
        const range: CharSet = [[node.min.value, node.max.value]];
        if (!this.pattern.flags.ignoreCase) return range;
        const letters: CharSet[] = [];
        // Case variants of the ASCII letters in the range (`[a-f]` with IGNORECASE reads `A-F` too).
        for (let code = Math.max(node.min.value, 65); code <= Math.min(node.max.value, 122); code++) letters.push(caseVariants(code));
        return union(range, ...letters);
      }
      case 'CharacterSet':
        return this.characterSet(node);
      case 'CharacterClass': {
        const inside = union(...node.elements.map((element) => this.chars(element)));
        return node.negate ? complement(inside) : inside;
      }
      case 'Quantifier':
        return this.chars(node.element);
      case 'Group':
      case 'CapturingGroup':
        return union(...node.alternatives.flatMap((alternative) => alternative.elements.map((element) => this.chars(element))));
      case 'Backreference':
        return anyChar;
      default:
        return emptySet;
    }
  }

  private characterSet(node: AST.CharacterSet): CharSet {
    let set: CharSet;
    if (node.kind === 'any') return this.pattern.flags.dotAll ? anyChar : complement(single(10));
    if (node.kind === 'digit') set = digitChars;
    else if (node.kind === 'space') set = spaceChars;
    else if (node.kind === 'word') set = wordChars;
    else return anyChar;
    return node.negate ? complement(set) : set;
  }

  nullable(node: AST.Node): boolean {
    switch (node.type) {
      case 'Quantifier':
        return node.min === 0 || this.nullable(node.element);
      case 'Group':
      case 'CapturingGroup':
        return node.alternatives.some((alternative) => alternative.elements.every((element) => this.nullable(element)));
      case 'Assertion':
      case 'Backreference':
        return true;
      default:
        return false;
    }
  }

  /**
   * Can the outer loop come back to the inner one reading only text the inner loop reads too? The
   * path runs from the inner repeat to the end of the outer one's body and from its start back.
   */
  pathBackIsAmbiguous(outer: AST.Quantifier, inner: AST.Quantifier): boolean {
    const innerChars = this.chars(inner.element);
    if (innerChars.length === 0) return false;
    return [...this.after(inner, outer), ...this.before(inner, outer)].every((element) => this.passable(element, innerChars));
  }

  /**
   * Two repeats that read the same text with nothing in between that must read something else
   * (`(\s*,\s*)+`: the blanks after one comma go to either): each such join can be split two ways.
   */
  joinIsAmbiguous(outer: AST.Quantifier, first: AST.Quantifier, second: AST.Quantifier): boolean {
    const shared = intersection(this.chars(first.element), this.chars(second.element));
    if (shared.length === 0) return false;
    const through = (elements: Element[]) => !elements.some((element) => contains(element, first) || contains(element, second)) && elements.every((element) => this.passable(element, emptySet));
    // The second in the next iteration: from the first to the end of the body, from its start to the second.
    if (through([...this.after(first, outer), ...this.before(second, outer)])) return true;
    // Side by side in one iteration.
    const parent = parentOf(first);
    if (parent?.type !== 'Alternative' || parent !== parentOf(second)) return false;
    const [from, to] = [parent.elements.indexOf(first), parent.elements.indexOf(second)];
    return from < to && through(parent.elements.slice(from + 1, to));
  }

  /** Can the path go past `element` reading nothing, or only characters of `chars`? Anchors and back references stop it. */
  private passable(element: Element, chars: CharSet): boolean {
    if (element.type === 'Assertion') return element.kind !== 'start' && element.kind !== 'end'; // an anchor inside a loop ends it
    if (element.type === 'Backreference') return false; // unknown text: not judged
    return this.nullable(element) || intersects(this.chars(element), chars);
  }

  /** The elements after `node` up to the end of `outer`'s body, innermost first. */
  private after(node: AST.Node, outer: AST.Quantifier): Element[] {
    const elements: Element[] = [];
    for (let current = node, parent = parentOf(current); current !== outer.element && parent; current = parent, parent = parentOf(current)) {
      if (parent.type === 'Alternative') elements.push(...parent.elements.slice(parent.elements.indexOf(current as Element) + 1));
    }
    return elements;
  }

  /** The elements from the start of `outer`'s body up to `node`. */
  private before(node: AST.Node, outer: AST.Quantifier): Element[] {
    const elements: Element[] = [];
    for (let current = node, parent = parentOf(current); current !== outer.element && parent; current = parent, parent = parentOf(current)) {
      if (parent.type === 'Alternative') elements.unshift(...parent.elements.slice(0, parent.elements.indexOf(current as Element)));
    }
    return elements;
  }

  /** Fixed-length readings of a branch (each a list of character sets), or undefined if it has none we can list. */
  sequences(elements: readonly Element[]): CharSet[][] | undefined {
    let results: CharSet[][] = [[]];
    for (const element of elements) {
      const options = this.elementSequences(element);
      if (!options) return undefined;
      const next: CharSet[][] = [];
      for (const prefix of results) for (const option of options) next.push([...prefix, ...option]);
      if (next.length > maxSequences || next.some((sequence) => sequence.length > maxSequenceLength)) return undefined;
      results = next;
    }
    return results;
  }

  private elementSequences(element: AST.Node): CharSet[][] | undefined {
    switch (element.type) {
      case 'Assertion':
        return element.kind === 'word' ? [[]] : undefined;
      case 'Character':
      case 'CharacterClass':
      case 'CharacterSet':
        return [[this.chars(element)]];
      case 'Group':
      case 'CapturingGroup': {
        if (this.isAtomic(element)) return undefined;
        const all: CharSet[][] = [];
        for (const alternative of element.alternatives) {
          const options = this.sequences(alternative.elements);
          if (!options) return undefined;
          all.push(...options);
        }
        return all.length > maxSequences ? undefined : all;
      }
      case 'Quantifier': {
        if (element.max === Infinity || element.max > 2) return undefined;
        const once = this.elementSequences(element.element);
        if (!once) return undefined;
        const options: CharSet[][] = [];
        for (let count = element.min; count <= element.max; count++) {
          let repeated: CharSet[][] = [[]];
          for (let time = 0; time < count; time++) repeated = repeated.flatMap((prefix) => once.map((option) => [...prefix, ...option]));
          options.push(...repeated);
        }
        return options.length > maxSequences ? undefined : options;
      }
      default:
        return undefined;
    }
  }

  /**
   * Two branches that can read the same non-empty text, by their fixed-length readings. Python's
   * compiler first moves a prefix all branches share out of the group and turns branches of one
   * character each into a character set (`(\w|\d)` is `[\w\d]`), which cannot backtrack: so do we.
   */
  overlappingBranches(group: AST.Group | AST.CapturingGroup): [string, string] | undefined {
    let branches = group.alternatives.map((alternative) => alternative.elements);
    let factored = false;
    while (branches.every((elements) => elements.length > 0 && elements[0].raw === branches[0][0].raw)) {
      branches = branches.map((elements) => elements.slice(1));
      factored = true;
    }
    if (branches.every((elements) => elements.length === 1 && this.isSetItem(elements[0]))) return undefined;
    const readings = branches.map((elements) => this.sequences(elements));
    for (let i = 0; i < readings.length; i++) {
      for (let j = i + 1; j < readings.length; j++) {
        const [a, b] = [readings[i], readings[j]];
        if (!a || !b) continue;
        // After a shared prefix, two branches that both read nothing are two ways through: `(a|a)*` is `(a(?:|))*`.
        const shared = a.some((x) => (x.length > 0 || factored) && b.some((y) => y.length === x.length && x.every((set, index) => intersects(set, y[index]))));
        if (shared) return [group.alternatives[i].raw, group.alternatives[j].raw];
      }
    }
    return undefined;
  }

  /** What Python folds into one character set: a literal, `\d`-like escapes, a class that is not negated. */
  private isSetItem(element: Element): boolean {
    if (element.type === 'Character') return true;
    if (element.type === 'CharacterSet') return element.kind !== 'any';
    return element.type === 'CharacterClass' && !element.negate;
  }

  /** Is there, after the loop, something that can fail and so make the engine backtrack into it? */
  canFailAfter(loop: AST.Node, fullMatch: boolean): boolean {
    for (let node: AST.Node = loop, parent = parentOf(node); parent; node = parent, parent = parentOf(node)) {
      // A lookaround is atomic: once it matched, what follows it cannot send the engine back in.
      if (parent.type === 'Assertion') return false;
      if (parent.type !== 'Alternative') continue;
      const following = parent.elements.slice(parent.elements.indexOf(node as Element) + 1);
      if (following.some((element) => element.type === 'Assertion' || element.type === 'Backreference' || !this.nullable(element))) return true;
    }
    return fullMatch;
  }
}

function descendants(node: AST.Node, visit: (node: AST.Node, atomicAbove: boolean) => void, atomicAbove = false, analysis?: Analysis): void {
  const atomic = atomicAbove || (!!analysis && analysis.isAtomic(node));
  visit(node, atomic);
  const children: AST.Node[] =
    'alternatives' in node && node.alternatives ? node.alternatives : 'elements' in node ? node.elements : node.type === 'Quantifier' ? [node.element] : [];
  for (const child of children) descendants(child, visit, atomic, analysis);
}

const parser = new RegExpParser({ ecmaVersion: 2025 });

/** Judges a Python pattern compiled with `flags`; `fullMatch` for re.fullmatch, which anchors both ends. */
export function findRedos(pythonPattern: string, flags = 0, fullMatch = false): RedosVerdict {
  let translated: TranslatedPattern;
  let ast: AST.Pattern;
  try {
    translated = translatePythonPattern(pythonPattern, flags);
    ast = parser.parsePattern(translated.source, 0, translated.source.length, { unicode: false, unicodeSets: false });
  } catch (error) {
    if (error instanceof UntranslatablePattern || error instanceof SyntaxError) return { analysed: false, reason: error.message };
    throw error;
  }
  const analysis = new Analysis(translated);
  let finding: RedosFinding | undefined;
  descendants(
    ast,
    (node, atomicAbove) => {
      if (finding || atomicAbove || node.type !== 'Quantifier' || !analysis.isLoop(node) || !analysis.canFailAfter(node, fullMatch)) return;
      const outer = node;
      const innerLoops: AST.Quantifier[] = [];
      descendants(outer.element, (inner, atomicInside) => {
        if (!atomicInside && inner.type === 'Quantifier' && analysis.isLoop(inner, true)) innerLoops.push(inner);
      }, false, analysis);
      descendants(
        outer.element,
        (inner, atomicInside) => {
          if (finding || atomicInside) return;
          if (inner.type === 'Quantifier' && analysis.isLoop(inner, true) && analysis.unbounded(outer, inner) && analysis.pathBackIsAmbiguous(outer, inner)) {
            finding = { kind: 'nested-repeat', repeat: outer.raw, culprit: inner.raw };
          } else if (inner.type === 'Quantifier' && analysis.isLoop(inner, true)) {
            const partner = innerLoops.find((other) => other !== inner && analysis.unbounded(outer, inner, other) && (analysis.joinIsAmbiguous(outer, inner, other) || analysis.joinIsAmbiguous(outer, other, inner)));
            if (partner) finding = { kind: 'adjacent-repeats', repeat: outer.raw, culprit: `${inner.raw}\` and \`${partner.raw}` };
          } else if ((inner.type === 'Group' || inner.type === 'CapturingGroup') && inner.alternatives.length > 1) {
            const branches = analysis.overlappingBranches(inner);
            if (branches) finding = { kind: 'overlapping-alternation', repeat: outer.raw, culprit: `${branches[0]}|${branches[1]}` };
          }
        },
        false,
        analysis,
      );
    },
    false,
    analysis,
  );
  return { analysed: true, finding };
}
