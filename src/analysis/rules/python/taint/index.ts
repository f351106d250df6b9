// The taint rules for Python: one per kind of sink. What feeds them is in models/.
import type { TaintRule } from '../../rule';
import { codeInjection } from './code-injection';
import { commandInjection } from './command-injection';
import { headerInjection } from './header-injection';
import { ldapInjection } from './ldap-injection';
import { logInjection } from './log-injection';
import { openRedirect } from './open-redirect';
import { pathTraversal } from './path-traversal';
import { sqlInjection } from './sql-injection';
import { ssrf } from './ssrf';
import { templateInjection } from './template-injection';
import { trustBoundaryViolation } from './trust-boundary-violation';
import { unsafeDeserializationOfInput } from './unsafe-deserialization-of-input';
import { weakRandomToken } from './weak-random-token';
import { xpathInjection } from './xpath-injection';
import { xss } from './xss';
import { xxe } from './xxe';

export { pythonTaintModels } from './models';

export const pythonTaintRules: readonly TaintRule[] = [
  sqlInjection,
  commandInjection,
  codeInjection,
  pathTraversal,
  xss,
  templateInjection,
  openRedirect,
  ssrf,
  xpathInjection,
  ldapInjection,
  unsafeDeserializationOfInput,
  xxe,
  headerInjection,
  logInjection,
  trustBoundaryViolation,
  weakRandomToken,
];
