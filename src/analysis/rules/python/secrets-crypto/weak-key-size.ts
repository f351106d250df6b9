import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { argumentAt, callQuery, integerValue, keywordValue, resolveCall } from '../calls';
import { stringValue } from '../strings';
import { pycryptodomePackages } from './cryptoPackages';

type Algorithm = 'RSA' | 'DSA' | 'DH';

interface SizedKeyGenerator {
  algorithm: Algorithm;
  /** Where the size is passed: positional index and keyword name. */
  index: number;
  keyword: string;
}

const asymmetric = 'cryptography.hazmat.primitives.asymmetric';

const sizedKeyGenerators = new Map<string, SizedKeyGenerator>([
  [`${asymmetric}.rsa.generate_private_key`, { algorithm: 'RSA', index: 1, keyword: 'key_size' }],
  [`${asymmetric}.dsa.generate_private_key`, { algorithm: 'DSA', index: 0, keyword: 'key_size' }],
  [`${asymmetric}.dsa.generate_parameters`, { algorithm: 'DSA', index: 0, keyword: 'key_size' }],
  [`${asymmetric}.dh.generate_parameters`, { algorithm: 'DH', index: 1, keyword: 'key_size' }],
  ...pycryptodomePackages.flatMap((root): [string, SizedKeyGenerator][] => [
    [`${root}.PublicKey.RSA.generate`, { algorithm: 'RSA', index: 0, keyword: 'bits' }],
    [`${root}.PublicKey.DSA.generate`, { algorithm: 'DSA', index: 0, keyword: 'bits' }],
  ]),
  ['paramiko.RSAKey.generate', { algorithm: 'RSA', index: 0, keyword: 'bits' }],
  ['paramiko.DSSKey.generate', { algorithm: 'DSA', index: 0, keyword: 'bits' }],
]);

/** Below this, factoring or discrete logs are within reach; below `broken`, they have been done. */
const minimumBits = 2048;
const brokenBits = 1024;

/** Curves of fewer than 224 bits, as cryptography names them and as pycryptodome's ECC.generate(curve=...) spells them. */
const weakCurveClasses: ReadonlySet<string> = new Set(['SECP192R1', 'SECT163K1', 'SECT163R2'].map((curve) => `${asymmetric}.ec.${curve}`));
const weakCurveNames: ReadonlySet<string> = new Set(['p192', 'p-192', 'nist p-192', 'prime192v1', 'secp192r1']);
const ecGenerators = new Map<string, number>([
  [`${asymmetric}.ec.generate_private_key`, 0],
  [`${asymmetric}.ec.derive_private_key`, 1],
]);

/** `ec.SECP192R1()` or `ec.SECP192R1`: the curve's qualified name when it is a weak one. */
function weakCurve(curve: Node | undefined, context: RuleContext): string | undefined {
  const reference = curve?.type === 'call' ? curve.childForFieldName('function') : curve;
  const name = context.qualifiedName(reference);
  return name && weakCurveClasses.has(name) ? name.slice(name.lastIndexOf('.') + 1) : undefined;
}

export const weakKeySize: Rule = {
  meta: {
    id: 'weak-key-size',
    title: 'Cryptographic key too small',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 326,
    aliases: ['B505', 'S505'],
    why: 'RSA, DSA and Diffie-Hellman keys under 2048 bits and elliptic curves under 224 bits no longer hold against well-funded attackers; 512-bit RSA can be factored in hours on rented machines.',
    doInstead: 'Generate RSA, DSA and DH keys of at least 2048 bits (3072 for keys that must stay safe for years), use curves such as SECP256R1 or SECP384R1, or prefer Ed25519/X25519.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    if (!resolved?.name) return;
    const { call, name } = resolved;
    const generator = sizedKeyGenerators.get(name);
    if (generator) {
      const sizeNode = argumentAt(call, generator.index, generator.keyword);
      const bits = integerValue(sizeNode);
      if (!sizeNode || bits === undefined || bits >= minimumBits) return;
      context.report({
        node: sizeNode,
        severity: bits < brokenBits ? 'error' : 'warning',
        message: `${generator.algorithm} keys of ${bits} bits are too weak; use at least ${minimumBits} bits.`,
      });
      return;
    }
    const curveIndex = ecGenerators.get(name);
    if (curveIndex !== undefined) {
      const curveNode = argumentAt(call, curveIndex, 'curve');
      const curve = weakCurve(curveNode, context);
      if (curveNode && curve) context.report({ node: curveNode, message: `The elliptic curve ${curve} is under 224 bits; use SECP256R1 or stronger.` });
      return;
    }
    if (pycryptodomePackages.some((root) => name === `${root}.PublicKey.ECC.generate`)) {
      const curveNode = keywordValue(call, 'curve');
      const curve = stringValue(curveNode);
      if (curveNode && curve && weakCurveNames.has(curve.toLowerCase())) {
        context.report({ node: curveNode, message: `The elliptic curve ${curve} is under 224 bits; use P-256 or stronger.` });
      }
    }
  },
};
