// What this machine offers a model: RAM, GPU and its memory, and cores; and the thread count.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';

export type GpuType = 'metal' | 'cuda' | 'vulkan' | 'none';

export interface GpuFacts {
  type: GpuType;
  /** Device names as the driver reports them; empty when unknown. */
  names: string[];
  /** Dedicated VRAM, or the GPU's share of unified memory; 0 without a GPU. */
  vramBytes: number;
  /** Apple Silicon and other SoCs: the GPU uses system RAM. */
  unifiedMemory: boolean;
}

export interface MachineProfile {
  platform: string;
  arch: string;
  totalRamBytes: number;
  freeRamBytes: number;
  /** CPUs this process may use (after any cgroup CPU quota). */
  cores: number;
  /** Cores llama.cpp finds useful for math (physical performance cores); undefined when unknown. */
  mathCores?: number;
  gpu: GpuFacts;
}

export const noGpu: GpuFacts = { type: 'none', names: [], vramBytes: 0, unifiedMemory: false };

/** A container's CPU quota (cgroup v2 `cpu.max`, e.g. "200000 100000" = 2 CPUs); undefined when unlimited. */
function cgroupCpuLimit(): number | undefined {
  try {
    const [quota, period] = readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim().split(/\s+/);
    if (quota === 'max') return undefined;
    const cpus = Number(quota) / Number(period);
    return Number.isFinite(cpus) && cpus > 0 ? Math.max(1, Math.floor(cpus)) : undefined;
  } catch {
    return undefined;
  }
}

export function availableCores(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const limit = process.platform === 'linux' ? cgroupCpuLimit() : undefined;
  return Math.max(1, limit === undefined ? cores : Math.min(cores, limit));
}

/** RAM and cores from the OS; GPU facts come from llama.cpp (see machineProbe). */
export function osMachineProfile(gpu: GpuFacts = noGpu, mathCores?: number): MachineProfile {
  return {
    platform: process.platform,
    arch: process.arch,
    totalRamBytes: os.totalmem(),
    freeRamBytes: os.freemem(),
    cores: availableCores(),
    mathCores,
    gpu,
  };
}

export interface ThreadChoice {
  threads: number;
  reason: string;
}

/**
 * Threads for generation. Oversubscription is the trap: on a 2-core machine node-llama-cpp's
 * default (4 threads) generated a tiny model at 1.4-3.9 tokens/s, 2 threads at 27-75 and 1 thread
 * at about 1,700 (a 100M-parameter model: 1.1, 37 and 46). On 16 cores a 100M-parameter model
 * peaked at 15 threads (178 tokens/s; 16 threads and the default: 166). So "auto" leaves one
 * core to Node's event loop and the editor, never exceeds the cores llama.cpp finds useful for
 * math, and an explicit setting is capped at the cores available.
 */
export function chooseThreadCount(machine: Pick<MachineProfile, 'cores' | 'mathCores'>, setting: 'auto' | number): ThreadChoice {
  const cores = Math.max(1, machine.cores);
  if (setting !== 'auto') {
    const requested = Math.max(1, Math.floor(setting));
    if (requested > cores) return { threads: cores, reason: `the setting asked for ${requested} threads; capped at the ${cores} cores available` };
    return { threads: requested, reason: 'set in the settings' };
  }
  const math = Math.min(cores, machine.mathCores ?? cores);
  const threads = Math.max(1, Math.min(math, cores - 1));
  return { threads, reason: `auto: ${cores} cores available, ${math} useful for math, one left for the editor` };
}

const gibibyte = 1024 ** 3;

export function formatGigabytes(bytes: number): string {
  return `${(bytes / gibibyte).toFixed(bytes < 10 * gibibyte ? 1 : 0)} GB`;
}

export function describeMachine(machine: MachineProfile): string {
  const gpu =
    machine.gpu.type === 'none'
      ? 'no GPU'
      : `${machine.gpu.type.toUpperCase()} GPU${machine.gpu.names.length ? ` (${machine.gpu.names.join(', ')})` : ''}, ` +
        `${formatGigabytes(machine.gpu.vramBytes)} ${machine.gpu.unifiedMemory ? 'unified memory' : 'VRAM'}`;
  return `${formatGigabytes(machine.totalRamBytes)} RAM, ${machine.cores} cores, ${gpu}`;
}
