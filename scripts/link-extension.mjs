// Makes a checkout an installed extension of a VS Code extensions folder through a symbolic link,
// so the editor loads it like any installed extension (no development payload, no smoke-test
// driver) while a rebuild of the checkout's dist/ shows after "Developer: Reload Window".
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function readJson(path, fallback) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return fallback;
  }
}

/**
 * Links `extensionPath` into `extensionsDir` as `<publisher>.<name>-<version>` and records it in
 * the folder's extensions.json: VS Code loads only the folders listed there and marks others
 * obsolete (then deletes them). Links left by an earlier version are removed; real folders are
 * never touched. Returns the link's path.
 */
export function linkInstalledExtension({ extensionsDir, extensionPath }) {
  const { publisher, name, version } = readJson(join(extensionPath, 'package.json'), {});
  const id = `${publisher}.${name}`;
  const folderName = `${id}-${version}`;
  const link = join(extensionsDir, folderName);

  for (const entry of readdirSync(extensionsDir)) {
    const path = join(extensionsDir, entry);
    if (entry.toLowerCase().startsWith(`${id}-`.toLowerCase()) && lstatSync(path).isSymbolicLink()) unlinkSync(path);
  }
  symlinkSync(extensionPath, link, 'dir');

  const manifestPath = join(extensionsDir, 'extensions.json');
  const others = readJson(manifestPath, []).filter((entry) => entry?.identifier?.id?.toLowerCase() !== id.toLowerCase());
  const ours = { identifier: { id }, version, location: { $mid: 1, path: link, scheme: 'file' }, relativeLocation: folderName };
  writeFileSync(manifestPath, JSON.stringify([...others, ours]));

  // A folder VS Code once saw unlisted stays marked here, and a marked folder is deleted at start-up.
  const obsoletePath = join(extensionsDir, '.obsolete');
  if (existsSync(obsoletePath)) {
    const obsolete = readJson(obsoletePath, {});
    delete obsolete[folderName];
    writeFileSync(obsoletePath, JSON.stringify(obsolete));
  }
  return link;
}
