/**
 * The n-gram model file (`ngram.bin`): a small JSON header and one quantised weight vector per
 * head. Read from an ArrayBuffer with DataView, so the extension loads it with fetch() and Node
 * with readFile; the bytes are little-endian whatever the machine.
 *
 *   "SNGR" | u32 format version | u32 header length | header JSON (UTF-8) | pad to 4 | weights…
 */
import { RISK_CATEGORIES, type RiskCategory } from '../model/architecture.js';
import { validateNgramSpec, type NgramFeatureSpec } from './features.js';
import { lexiconOf } from './lexicon.js';
import { floatWeights, validateNgramModel, type NgramHead, type NgramModel } from './model.js';
import { errorText } from '../error-text.js';

export const NGRAM_FILE_MAGIC = 'SNGR';
export const NGRAM_FILE_VERSION = 1;
export const NGRAM_FILE_NAME = 'ngram.bin';

/** Bytes per stored weight: int8 halves int16's size at a small cost in resolution. */
export type NgramQuantization = 'int8' | 'int16' | 'float32';
const QUANT_MAX: Record<NgramQuantization, number> = { int8: 127, int16: 32767, float32: 0 };
const QUANT_BYTES: Record<NgramQuantization, number> = { int8: 1, int16: 2, float32: 4 };

interface HeaderHead {
  readonly category: RiskCategory;
  readonly bias: number;
  /** Weight = stored integer × scale (unused for float32). */
  readonly scale: number;
}

interface NgramFileHeader {
  readonly features: NgramFeatureSpec;
  readonly quantization: NgramQuantization;
  readonly heads: readonly HeaderHead[];
  /** Free-form: thresholds, training provenance, metrics. */
  readonly metadata: Record<string, unknown>;
}

export class NgramFormatError extends Error {
  override readonly name = 'NgramFormatError';
}

/** A model together with what was stored beside it. */
export interface NgramModelFile {
  readonly model: NgramModel;
  readonly quantization: NgramQuantization;
  readonly metadata: Record<string, unknown>;
}

/**
 * Scale of a head's integers: a power of two, so stored integer × scale is exact in float32 and
 * re-quantising a quantised model gives back the same integers (save → load → save is stable).
 */
function scaleFor(weights: Float32Array, quantization: NgramQuantization): number {
  if (quantization === 'float32') return 1;
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]!));
  return max === 0 ? 1 : 2 ** Math.ceil(Math.log2(max / QUANT_MAX[quantization]));
}

/**
 * The model with every weight rounded to what the file can hold. Training ends with this, so
 * the model evaluated is exactly the model shipped: save → load gives identical scores.
 */
export function quantizeNgramModel(model: NgramModel, quantization: NgramQuantization): NgramModel {
  const heads = model.heads.map((head): NgramHead => {
    const floats = floatWeights(head);
    if (quantization === 'float32') return { category: head.category, bias: Math.fround(head.bias), weights: floats };
    const scale = scaleFor(floats, quantization);
    const weights = new Float32Array(floats.length);
    for (let i = 0; i < weights.length; i++) weights[i] = Math.round(floats[i]! / scale) * scale;
    return { category: head.category, bias: Math.fround(head.bias), weights };
  });
  return { features: model.features, heads };
}

/** Serialises a model; its weights are quantised on the way (see quantizeNgramModel). */
export function encodeNgramModel(
  model: NgramModel,
  quantization: NgramQuantization = 'int8',
  metadata: Record<string, unknown> = {},
): Uint8Array {
  validateNgramModel(model);
  const floats = model.heads.map(floatWeights);
  const scales = floats.map((weights) => scaleFor(weights, quantization));
  const header: NgramFileHeader = {
    features: model.features,
    quantization,
    heads: model.heads.map((head, h) => ({ category: head.category, bias: Math.fround(head.bias), scale: scales[h]! })),
    metadata,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((12 + headerBytes.length) / 4) * 4;
  const buckets = 2 ** model.features.bits;
  const bytes = new Uint8Array(start + model.heads.length * buckets * QUANT_BYTES[quantization]);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = NGRAM_FILE_MAGIC.charCodeAt(i);
  view.setUint32(4, NGRAM_FILE_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  bytes.set(headerBytes, 12);
  let offset = start;
  floats.forEach((weights, h) => {
    const scale = scales[h]!;
    for (let i = 0; i < buckets; i++) {
      const w = weights[i]!;
      if (quantization === 'int8') view.setInt8(offset, Math.round(w / scale));
      else if (quantization === 'int16') view.setInt16(offset, Math.round(w / scale), true);
      else view.setFloat32(offset, w, true);
      offset += QUANT_BYTES[quantization];
    }
  });
  return bytes;
}

function parseHeader(json: unknown): NgramFileHeader {
  const h = json as Partial<NgramFileHeader> | null;
  if (
    typeof h !== 'object' ||
    h === null ||
    !h.features ||
    !Array.isArray(h.heads) ||
    typeof h.quantization !== 'string' ||
    !(h.quantization in QUANT_BYTES)
  ) {
    throw new NgramFormatError('n-gram model header is incomplete');
  }
  try {
    validateNgramSpec(h.features);
  } catch (error) {
    throw new NgramFormatError(errorText(error));
  }
  for (const head of h.heads) {
    if (!RISK_CATEGORIES.includes(head.category) || !Number.isFinite(head.bias) || !(head.scale > 0))
      throw new NgramFormatError(`n-gram model head ${JSON.stringify(head)} is invalid`);
  }
  return { features: h.features, quantization: h.quantization, heads: h.heads, metadata: h.metadata ?? {} };
}

/** Reads a model file; throws NgramFormatError on anything truncated, foreign or inconsistent. */
export function decodeNgramModel(bytes: Uint8Array): NgramModelFile {
  if (bytes.length < 12 || String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) !== NGRAM_FILE_MAGIC) {
    throw new NgramFormatError('not an n-gram model file (bad magic)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== NGRAM_FILE_VERSION)
    throw new NgramFormatError(`n-gram model file version ${version}, this build reads ${NGRAM_FILE_VERSION}`);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) throw new NgramFormatError('n-gram model header is truncated');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLength)));
  } catch (error) {
    throw new NgramFormatError(`n-gram model header is not JSON: ${errorText(error)}`);
  }
  const header = parseHeader(json);
  const buckets = 2 ** header.features.bits;
  const width = QUANT_BYTES[header.quantization];
  const start = Math.ceil((12 + headerLength) / 4) * 4;
  if (bytes.length !== start + header.heads.length * buckets * width) {
    throw new NgramFormatError(
      `n-gram model file holds ${bytes.length} bytes, its header needs ${start + header.heads.length * buckets * width}`,
    );
  }
  let offset = start;
  const heads = header.heads.map((h): NgramHead => {
    if (header.quantization === 'int8') {
      // Kept as the file's integers (one copy, no per-weight work): the scorer applies the scale.
      const weights = new Int8Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + buckets));
      offset += buckets;
      return { category: h.category, bias: h.bias, weights, scale: h.scale };
    }
    const weights = new Float32Array(buckets);
    for (let i = 0; i < buckets; i++) {
      weights[i] =
        header.quantization === 'int16' ? view.getInt16(offset, true) * h.scale : view.getFloat32(offset, true);
      offset += width;
    }
    return { category: h.category, bias: h.bias, weights };
  });
  const model: NgramModel = { features: header.features, heads };
  validateNgramModel(model);
  // Built here, not at the first name scored: loading is when the cost belongs.
  if (model.features.structure) lexiconOf(model.features.structure);
  return { model, quantization: header.quantization, metadata: header.metadata };
}
