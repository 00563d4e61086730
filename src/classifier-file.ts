import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The file the build stores the topic classifier in, beside the content snapshot: the header's length
 * (uint32), the header (JSON) and, from the next multiple of four, the weights as float32. The same weights as
 * base64 inside JSON took about 12 ms to read, decode and parse on this machine; read as bytes and viewed in
 * place they take well under one. This module only knows the layout: classifier-model.ts checks the content.
 */
const ownBuildDir = (): string => fileURLToPath(new URL('..', import.meta.url));

export const modelFile = (buildDir: string = ownBuildDir()): string => join(buildDir, 'classifier-model.bin');

const alignedEnd = (headerLength: number): number => Math.ceil((4 + headerLength) / 4) * 4;

/** The header as parsed JSON and the bytes of the weights, or undefined when there is no readable file. */
export function readModelFile(buildDir?: string): { header: unknown; weights: Buffer } | undefined {
  try {
    const bytes = readFileSync(modelFile(buildDir));
    const length = bytes.readUInt32LE(0);
    return { header: JSON.parse(bytes.toString('utf8', 4, 4 + length)) as unknown, weights: bytes.subarray(alignedEnd(length)) };
  } catch {
    return undefined;
  }
}

export function writeModelFile(header: object, weights: Float32Array, buildDir?: string): void {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const out = Buffer.alloc(alignedEnd(json.length) + weights.byteLength);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength).copy(out, alignedEnd(json.length));
  writeFileSync(modelFile(buildDir), out);
}

/**
 * What the stored model was trained from, for the build's staleness check. Read without zod: the check runs
 * on every `npm start`, and a wrong or missing value only means the model is trained again.
 */
export function storedFingerprint(buildDir?: string): string | undefined {
  const header = readModelFile(buildDir)?.header;
  const fingerprint = typeof header === 'object' && header !== null ? (header as { fingerprint?: unknown }).fingerprint : undefined;
  return typeof fingerprint === 'string' ? fingerprint : undefined;
}

export function removeModel(buildDir?: string): void {
  rmSync(modelFile(buildDir), { force: true });
}
