// The backend line's words: the renderer's gist, and the measured choice.
import { describe, expect, it } from 'vitest';
import { measuredText, shortRenderer } from '../../src/ui/shell/backend-text';

describe('the renderer in a few words', () => {
  it('finds the device inside ANGLE\'s string, also when the graphics API wraps it', () => {
    expect(shortRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe('SwiftShader');
    expect(shortRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002504) Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe('NVIDIA GeForce RTX 3060');
    expect(shortRenderer('ANGLE (NVIDIA Corporation, Vulkan 1.3.242 (NVIDIA GeForce RTX 4090 (0x00002684)), NVIDIA-535.1)')).toBe('NVIDIA GeForce RTX 4090');
    expect(shortRenderer('ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)')).toBe('ANGLE Metal Renderer: Apple M2');
  });

  it('keeps a plain renderer as it is, cut at 32 characters', () => {
    expect(shortRenderer('JavaScript (CPU)')).toBe('JavaScript (CPU)');
    expect(shortRenderer('x'.repeat(40))).toBe(`${'x'.repeat(31)}…`);
  });
});

describe('the measured choice in words', () => {
  it('names the fastest first and the others after it, "≥" where only the warm-up was timed', () => {
    expect(measuredText([{ backend: 'cpu', msPerStep: 0.42 }, { backend: 'wasm', msPerStep: 0.61 }, { backend: 'webgl', msPerStep: 130, cutShort: true }])).toBe('fastest here: cpu 0.42 ms/step (wasm 0.61, webgl ≥ 130)');
    expect(measuredText([])).toBe('');
  });
});
