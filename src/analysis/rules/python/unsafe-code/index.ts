// Security rules about code and data that should not be trusted: eval/exec, shells, SQL,
// deserialization, templates, archives, and unsafe runtime settings.
import type { Rule } from '../../rule';
import { assertUsed } from './assert-used';
import { bindAllInterfaces } from './bind-all-interfaces';
import { callWithShellTrue } from './call-with-shell-true';
import { chmodWorldWritable } from './chmod-world-writable';
import { djangoExtra } from './django-extra';
import { djangoRawsql } from './django-rawsql';
import { evalUsed } from './eval-used';
import { execUsed } from './exec-used';
import { flaskDebugTrue } from './flask-debug-true';
import { hardcodedTmpPath } from './hardcoded-tmp-path';
import { insecureFtp } from './insecure-ftp';
import { insecureTelnet } from './insecure-telnet';
import { jinja2AutoescapeFalse } from './jinja2-autoescape-false';
import { makoTemplatesUnescaped } from './mako-templates-unescaped';
import { markSafe } from './mark-safe';
import { marshalDeserialization } from './marshal-deserialization';
import { paramikoExecCommand } from './paramiko-exec-command';
import { processPartialPath } from './process-partial-path';
import { regexRedos } from './regex-redos';
import { requestWithoutTimeout } from './request-without-timeout';
import { sqlStringBuilding } from './sql-string-building';
import { shellWildcardInjection } from './shell-wildcard-injection';
import { startProcessWithShell } from './start-process-with-shell';
import { subprocessShellTrue } from './subprocess-shell-true';
import { tarfileExtractallUnfiltered } from './tarfile-extractall-unfiltered';
import { tryExceptContinue } from './try-except-continue';
import { tryExceptPass } from './try-except-pass';
import { unsafeDeserialization } from './unsafe-deserialization';
import { unsafeXmlParser } from './unsafe-xml-parser';
import { urlopenUncheckedScheme } from './urlopen-unchecked-scheme';
import { xmlEntityExpansion } from './xml-entity-expansion';
import { yamlLoadUnsafe } from './yaml-load-unsafe';

export const unsafeCodeRules: readonly Rule[] = [
  evalUsed,
  execUsed,
  assertUsed,
  subprocessShellTrue,
  callWithShellTrue,
  startProcessWithShell,
  shellWildcardInjection,
  processPartialPath,
  paramikoExecCommand,
  sqlStringBuilding,
  djangoExtra,
  djangoRawsql,
  markSafe,
  jinja2AutoescapeFalse,
  makoTemplatesUnescaped,
  unsafeDeserialization,
  marshalDeserialization,
  yamlLoadUnsafe,
  unsafeXmlParser,
  xmlEntityExpansion,
  tarfileExtractallUnfiltered,
  chmodWorldWritable,
  bindAllInterfaces,
  hardcodedTmpPath,
  tryExceptPass,
  tryExceptContinue,
  requestWithoutTimeout,
  urlopenUncheckedScheme,
  regexRedos,
  flaskDebugTrue,
  insecureTelnet,
  insecureFtp,
];
