// Keeps node-llama-cpp's prebuilt binaries for every platform in package-lock.json, so `npm ci`
// works on Linux, macOS and Windows alike. npm writes only the packages its registry answers for;
// a registry mirror that carries one platform's binaries leaves the others out, and `npm ci`
// elsewhere then fails ("Missing: @node-llama-cpp/mac-arm64-metal from lock file").
// Run after changing node-llama-cpp's version: `node scripts/lock-platform-packages.mjs`.
// Each missing package is asked of the registry (`npm view`); when the registry does not have it,
// its platform fields come from the table below (the package's own os/cpu/libc) without an
// integrity hash, which npm then records on the first install that fetches it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockPath = join(repo, 'package-lock.json');

/** The platform fields the prebuilt packages declare (their package.json in node-llama-cpp's repository). */
const platformFields = {
  'linux-arm64': { os: ['linux'], cpu: ['arm64', 'x64'], libc: ['glibc'] },
  'linux-armv7l': { os: ['linux'], cpu: ['arm', 'x64'], libc: ['glibc'] },
  'linux-riscv64': { os: ['linux'], cpu: ['riscv64'], libc: ['glibc'] },
  'linux-x64': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'linux-x64-cuda': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'linux-x64-cuda-ext': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'linux-x64-vulkan': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'mac-arm64-metal': { os: ['darwin'], cpu: ['arm64', 'x64'] },
  'mac-x64': { os: ['darwin'], cpu: ['x64'] },
  'win-arm64': { os: ['win32'], cpu: ['arm64', 'x64'] },
  'win-x64': { os: ['win32'], cpu: ['x64'] },
  'win-x64-cuda': { os: ['win32'], cpu: ['x64'] },
  'win-x64-cuda-ext': { os: ['win32'], cpu: ['x64'] },
  'win-x64-vulkan': { os: ['win32'], cpu: ['x64'] },
};

function fromRegistry(name, version) {
  try {
    const text = execFileSync('npm', ['view', `${name}@${version}`, '--json', 'os', 'cpu', 'libc', 'engines', 'license', 'dist.integrity'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const found = JSON.parse(text);
    return found && typeof found === 'object' ? found : undefined;
  } catch {
    return undefined;
  }
}

/** The lock's entries for packages node-llama-cpp lists as optional and the lock lacks. */
export function missingPlatformPackages(lock) {
  const optional = lock.packages['node_modules/node-llama-cpp']?.optionalDependencies ?? {};
  return Object.entries(optional).filter(([name]) => !lock.packages[`node_modules/${name}`]);
}

function lockEntry(name, version, base) {
  const registry = fromRegistry(name, version);
  const fields = registry ?? platformFields[name.split('/')[1]];
  if (!fields) throw new Error(`${name}: not in the registry and not in this script's table; add its os/cpu to platformFields.`);
  const entry = { version };
  const integrity = registry?.['dist.integrity'];
  if (integrity) entry.integrity = integrity;
  for (const key of ['cpu', 'libc']) if (fields[key]) entry[key] = fields[key];
  entry.license = registry?.license ?? base.license ?? 'MIT';
  entry.optional = true;
  entry.os = fields.os;
  entry.engines = registry?.engines ?? base.engines;
  process.stdout.write(`${name}@${version}: ${registry ? 'from the registry' : 'from the table (the registry does not have it)'}\n`);
  return entry;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  const missing = missingPlatformPackages(lock);
  const base = lock.packages['node_modules/@node-llama-cpp/linux-x64'] ?? {};
  for (const [name, version] of missing) lock.packages[`node_modules/${name}`] = lockEntry(name, version, base);
  // npm keeps packages in name order.
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
  process.stdout.write(missing.length === 0 ? 'package-lock.json lists every platform package already.\n' : `Added ${missing.length} platform packages to package-lock.json.\n`);
}
