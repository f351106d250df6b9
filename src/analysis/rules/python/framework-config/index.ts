// Security rules about web framework configuration: Django settings modules (DEBUG, ALLOWED_HOSTS,
// middleware, password hashers), CSRF exemptions, and the flags of cookies.
import type { Rule } from '../../rule';
import { cookieSamesiteNone } from './cookie-samesite-none';
import { cookieWithoutHttponly } from './cookie-without-httponly';
import { cookieWithoutSecure } from './cookie-without-secure';
import { csrfProtectionDisabled } from './csrf-protection-disabled';
import { djangoAllowedHostsWildcard } from './django-allowed-hosts-wildcard';
import { djangoMiddlewareMissing } from './django-middleware-missing';
import { djangoWeakPasswordHasher } from './django-weak-password-hasher';
import { settingsDebugTrue } from './settings-debug-true';

export const frameworkConfigRules: readonly Rule[] = [
  settingsDebugTrue,
  djangoAllowedHostsWildcard,
  djangoMiddlewareMissing,
  csrfProtectionDisabled,
  djangoWeakPasswordHasher,
  cookieWithoutSecure,
  cookieWithoutHttponly,
  cookieSamesiteNone,
];
