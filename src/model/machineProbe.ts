// The GPU half of the machine profile, asked of llama.cpp itself: which backend it loaded
// (Metal, CUDA, Vulkan or none), the device names, and VRAM or unified memory.
import { noGpu, osMachineProfile, type GpuFacts, type GpuType, type MachineProfile } from './hardware';
import type { Llama } from './llamaModule';

export async function probeMachine(llama: Llama): Promise<MachineProfile> {
  let gpu: GpuFacts = noGpu;
  if (llama.gpu !== false) {
    const [vram, names] = await Promise.all([llama.getVramState(), llama.getGpuDeviceNames().catch(() => [])]);
    gpu = {
      type: llama.gpu as GpuType,
      names,
      vramBytes: vram.total,
      unifiedMemory: vram.unifiedSize > 0 && vram.unifiedSize >= vram.total * 0.9,
    };
  }
  return osMachineProfile(gpu, llama.cpuMathCores);
}
