// Python that grows one construct n times: long and nested comparison chains, boolean chains,
// concatenations, attribute and call chains, wide literals, nested calls of the names rules look
// for. Rules must cost time linear in n on every one; the tests and benchmarks share the list.

export type Shape = (n: number) => string;

const repeat = (text: string, n: number) => text.repeat(n);
const list = (n: number, item: (index: number) => string) => Array.from({ length: n }, (_, index) => item(index)).join(', ');
const nestedCall = (name: string, n: number) => `x = ${repeat(`${name}(`, n)}a${repeat(')', n)}\n`;

export const pathologicalShapes: Record<string, Shape> = {
  comparisonChain: (n) => `x = a${repeat(' == b', n)}\n`,
  noneChain: (n) => `x = None${repeat(' == None', n)}\n`,
  membershipChain: (n) => `x = a${repeat(' in b', n)}\n`,
  nestedComparison: (n) => `x = ${repeat('(', n)}a${repeat(' == None)', n)}\n`,
  nestedMembership: (n) => `x = ${repeat('(', n)}a${repeat(' in d.keys())', n)}\n`,
  nestedTypeComparison: (n) => `x = ${repeat('(', n)}type(a)${repeat(' == b)', n)}\n`,
  andChain: (n) => `x = a${repeat(' and len(b)', n)}\n`,
  nestedAnd: (n) => `x = ${repeat('(', n)}a${repeat(' and len(b))', n)}\n`,
  notChain: (n) => `if ${repeat('not ', n)}x: pass\n`,
  plusChain: (n) => `s = "select " + a${repeat(' + b', n)}\n`,
  stringPlusChain: (n) => `s = "a"${repeat(' + "b"', n)}\n`,
  percentChain: (n) => `s = "select %s" % a${repeat(' % b', n)}\n`,
  nestedConcatenation: (n) => `x = ${repeat('("select " + ', n)}a${repeat(')', n)}\n`,
  implicitConcatenation: (n) => `s = ("select "${repeat(' "b"', n)})\n`,
  attributeChain: (n) => `x = a${repeat('.b', n)}\n`,
  attributeCall: (n) => `x = a${repeat('.b', n)}()\n`,
  callChain: (n) => `x = a${repeat('.b()', n)}\n`,
  keysChain: (n) => `x = d${repeat('.keys()', n)}\n`,
  subscriptChain: (n) => `x = a${repeat('[0]', n)}\n`,
  wideArguments: (n) => `f(${list(n, (index) => `a${index}`)})\n`,
  wideKeywords: (n) => `f(${list(n, (index) => `a${index}=1`)})\n`,
  wideDictionary: (n) => `x = {${list(n, (index) => `"password${index}": "v${index}"`)}}\n`,
  nestedList: (n) => `x = ${repeat('[', n)}${repeat(']', n)}\n`,
  nestedConditional: (n) => `x = ${repeat('a if len(b) == 0 else (', n)}c${repeat(')', n)}\n`,
  elifChain: (n) => `if a == None: pass\n${repeat('elif b == None: pass\n', n)}`,
  exceptClauses: (n) => `try:\n    pass\n${repeat('except ValueError:\n    pass\n', n)}`,
  assignmentTargets: (n) => `${repeat('password = ', n)}"hunter2"\n`,
  manyDefaults: (n) => `def f(${list(n, (index) => `a${index}=[]`)}):\n    pass\n`,
  concatenationsInLoop: (n) => `for a in b:\n${repeat('    s += "x" + a\n', n)}`,
  appendLoops: (n) => repeat('for a in b:\n    r.append(a)\n', n),
  nestedLen: (n) => nestedCall('len', n),
  nestedType: (n) => nestedCall('type', n),
  nestedOpen: (n) => nestedCall('open', n),
  nestedRandomChoice: (n) => nestedCall('random.choice', n),
  nestedRequestsGet: (n) => nestedCall('requests.get', n),
  nestedYamlLoad: (n) => nestedCall('yaml.load', n),
  nestedKeywords: (n) => `x = ${repeat('subprocess.run(shell=True, timeout=None, verify=False, x=', n)}a${repeat(')', n)}\n`,
};
