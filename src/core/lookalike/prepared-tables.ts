/**
 * The popular list and the lookalike detector's indexes, prepared at build time (build.mjs writes
 * them from model/popular-domains.txt with this module) as hash tables looked up in place
 * (core/prepared-lookup.ts): a starting worker decodes one file and is ready, instead of
 * splitting, folding and slicing ten thousand names and filling maps with them (~70 ms of a cold
 * worker's time). The detector over them is the one createLookalikeDetector builds, so the
 * verdicts are the same; a file that does not match this code is refused with a
 * LookalikeTablesError, and the caller parses the source list instead.
 *
 *   "SLKT" | u32 version | u32 header length | header JSON | pad to 4 | domains | pad to 4 | tables (each padded to 4)
 *
 * A starting worker's first answer waits on the bytes it reads, so the file holds only what
 * cannot be derived: the popular domains (rank order, one per line, UTF-8) and the slot tables
 * over them. Brand names and popular labels are each the registrable label of a popular domain;
 * a skeleton is the ASCII skeleton of its brand's name; a one-deletion variant is its first
 * brand's name without the character at its stored position (the name itself at position =
 * length). Each key is derived when a lookup first compares against it.
 */
import { parsePopularSites, type PopularSites } from '../popular-sites.js';
import { findKey, layoutSlots, type SlotTable } from '../prepared-lookup.js';
import { buildBrandCatalog, type Brand, type BrandCatalog } from './brand-catalog.js';
import { registrableLabelOf } from './host-parts.js';
import { asciiSkeleton } from './skeleton.js';
import { DEFAULT_LOOKALIKE_OPTIONS, detectorOver, type LookalikeDetector, type LookalikeOptions } from './index.js';
import { buildTyposquatIndex, withoutCharAt, type TyposquatIndex } from './typosquat.js';

/** File name beside the popular list in the packaged model directory. */
export const LOOKALIKE_TABLES_FILE = 'lookalike-tables.bin';
const MAGIC = 'SLKT';
/** Raised whenever the builder or the readers below change what the file means. */
export const LOOKALIKE_TABLES_VERSION = 2;

/**
 * The tables, in file order: slot tables hold 1 + an index (0 empty); `brandDomains` gives each
 * brand's domain index; `skeletonBrands` each skeleton's brand; a variant's brands are
 * `deletionBrands[deletionStarts[k]…deletionStarts[k + 1]]`, the first of them the one its key
 * is derived from, and `deletionPositions` (one byte each, after the others) the position of the
 * character that variant drops.
 */
const TABLES = [
  'popularSlots',
  'labelSlots',
  'brandSlots',
  'brandDomains',
  'skeletonSlots',
  'skeletonBrands',
  'deletionSlots',
  'deletionStarts',
  'deletionBrands',
] as const;
type TableName = (typeof TABLES)[number];
/** Brand names are registrable labels (at most 63 characters), so a position fits a byte. */
const POSITION_WIDTH = 1;

interface Header {
  /** The tuning the indexes were built with: another tuning in this code means another file. */
  readonly options: LookalikeOptions;
  /** Bytes per table entry: 2 while every index fits. */
  readonly width: 2 | 4;
  /** How many popular domains, and the bytes of their newline-separated UTF-8 text. */
  readonly domainCount: number;
  readonly domainBytes: number;
  readonly substringLengths: readonly number[];
  /** Entries per table, in TABLES order, then deletionPositions. */
  readonly lengths: readonly number[];
}

/** The popular list and the detector built over it. */
export interface PopularAndLookalikes {
  readonly popular: PopularSites;
  readonly findLookalikes: LookalikeDetector;
}

export class LookalikeTablesError extends Error {
  override readonly name = 'LookalikeTablesError';
}

const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/** Builds the file from the popular list's text (build time). */
export function encodeLookalikeTables(
  popularText: string,
  options: LookalikeOptions = DEFAULT_LOOKALIKE_OPTIONS,
): Uint8Array {
  const popular = parsePopularSites(popularText);
  const typos = buildTyposquatIndex(buildBrandCatalog(popular, options.brands), options.typosquat);
  const domains = popular.domains;
  const domainIndex = new Map(domains.map((domain, i) => [domain, i]));
  const labels = new Map<string, number>();
  domains.forEach((domain, i) => {
    const label = registrableLabelOf(domain);
    if (!labels.has(label)) labels.set(label, i);
  });
  const brands = [...typos.catalog.byName.values()];
  const brandIndex = new Map(brands.map((brand, i) => [brand, i]));
  const skeletons = [...typos.skeletons.keys()];
  const deletions = [...typos.deletions.keys()];
  const starts = [0];
  const deletionBrands: number[] = [];
  const deletionPositions: number[] = [];
  for (const [key, list] of typos.deletions) {
    for (const brand of list) deletionBrands.push(brandIndex.get(brand)!);
    starts.push(deletionBrands.length);
    deletionPositions.push(droppedPosition(list[0]!.name, key));
  }
  for (const [key, brand] of typos.skeletons)
    if (asciiSkeleton(brand.name) !== key) throw new Error(`skeleton ${key} is not derived from ${brand.name}`);
  const labelKeys = [...labels.keys()];
  const labelSlots = layoutSlots(labelKeys).map((entry) => (entry === 0 ? 0 : labels.get(labelKeys[entry - 1]!)! + 1));
  const tables: Record<TableName, ArrayLike<number>> = {
    popularSlots: layoutSlots(domains),
    labelSlots,
    brandSlots: layoutSlots(brands.map((brand) => brand.name)),
    brandDomains: brands.map((brand) => domainIndex.get(brand.domain)!),
    skeletonSlots: layoutSlots(skeletons),
    skeletonBrands: [...typos.skeletons.values()].map((brand) => brandIndex.get(brand)!),
    deletionSlots: layoutSlots(deletions),
    deletionStarts: starts,
    deletionBrands,
  };
  const largest = Math.max(...TABLES.map((name) => Math.max(0, ...Array.from(tables[name]))));
  const width = largest < 0x10000 ? 2 : 4;
  const domainText = new TextEncoder().encode(domains.join('\n'));
  const header: Header = {
    options,
    width,
    domainCount: domains.length,
    domainBytes: domainText.length,
    substringLengths: typos.catalog.substringLengths,
    lengths: [...TABLES.map((name) => tables[name].length), deletionPositions.length],
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const domainsAt = pad4(12 + headerBytes.length);
  let offset = domainsAt + pad4(domainText.length);
  const tableBytes = TABLES.reduce((sum, name) => sum + pad4(tables[name].length * width), 0);
  const bytes = new Uint8Array(offset + tableBytes + pad4(deletionPositions.length * POSITION_WIDTH));
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, LOOKALIKE_TABLES_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  bytes.set(headerBytes, 12);
  bytes.set(domainText, domainsAt);
  for (const name of TABLES) {
    const values = tables[name];
    for (let i = 0; i < values.length; i++) {
      if (width === 2) view.setUint16(offset + i * 2, values[i]!, true);
      else view.setUint32(offset + i * 4, values[i]!, true);
    }
    offset += pad4(values.length * width);
  }
  bytes.set(deletionPositions, offset);
  return bytes;
}

/** Where `variant` drops a character of `name`: the name's length when it is the name itself. */
function droppedPosition(name: string, variant: string): number {
  for (let i = 0; i <= name.length; i++) if (withoutCharAt(name, i) === variant) return i;
  throw new Error(`${variant} is not a one-deletion variant of ${name}`);
}

/** `derive` of each index, worked out on first use and kept. */
function derivedKeys(derive: (index: number) => string | undefined): (index: number) => string | undefined {
  const keys: (string | undefined)[] = [];
  return (index) => (keys[index] ??= derive(index));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;

/** The header, the domains and the tables as views (one copy of the table bytes); throws LookalikeTablesError. */
function decodeFile(
  bytes: Uint8Array,
  options: LookalikeOptions,
): { header: Header; domains: string[]; tables: Record<TableName, SlotTable>; positions: Uint8Array } {
  const fail = (problem: string): never => {
    throw new LookalikeTablesError(`${LOOKALIKE_TABLES_FILE}: ${problem}`);
  };
  if (bytes.length < 12 || String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) !== MAGIC)
    fail('not a lookalike table file (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== LOOKALIKE_TABLES_VERSION) fail(`version ${version}, this build reads ${LOOKALIKE_TABLES_VERSION}`);
  if (!LITTLE_ENDIAN) fail('this machine is big-endian');
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) fail('the header is truncated');
  let header: Header;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLength)),
    ) as Header;
  } catch (error) {
    return fail(`the header is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof header !== 'object' || header === null) fail('the header is not an object');
  if (JSON.stringify(header.options) !== JSON.stringify(options)) fail('it was built with other lookalike options');
  if (header.width !== 2 && header.width !== 4) fail('unknown table width');
  if (!isCount(header.domainCount) || !isCount(header.domainBytes)) fail('the domain counts are malformed');
  if (!Array.isArray(header.substringLengths) || !header.substringLengths.every(Number.isInteger))
    fail('substringLengths are malformed');
  const lengths = header.lengths;
  if (!Array.isArray(lengths) || lengths.length !== TABLES.length + 1 || !lengths.every(isCount))
    fail('the table lengths are malformed');
  const domainsAt = pad4(12 + headerLength);
  const start = domainsAt + pad4(header.domainBytes);
  const size =
    TABLES.reduce((sum, _, i) => sum + pad4(lengths[i]! * header.width), 0) +
    pad4(lengths[TABLES.length]! * POSITION_WIDTH);
  if (bytes.length !== start + size) fail(`it holds ${bytes.length} bytes, its header needs ${start + size}`);
  let domains: string[] = [];
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(domainsAt, domainsAt + header.domainBytes),
    );
    domains = text === '' ? [] : text.split('\n');
  } catch {
    fail('the domains are not UTF-8');
  }
  if (domains.length !== header.domainCount)
    fail(`it lists ${domains.length} domains, its header says ${header.domainCount}`);
  // A copy, so the views are aligned whatever the offset of `bytes` in its buffer.
  const buffer = bytes.slice(start).buffer;
  const Table = header.width === 2 ? Uint16Array : Uint32Array;
  let offset = 0;
  const tables = {} as Record<TableName, SlotTable>;
  TABLES.forEach((name, i) => {
    tables[name] = new Table(buffer, offset, lengths[i]!);
    offset += pad4(lengths[i]! * header.width);
  });
  const positions = new Uint8Array(buffer, offset, lengths[TABLES.length]!);
  for (const name of ['popularSlots', 'labelSlots', 'brandSlots', 'skeletonSlots', 'deletionSlots'] as const) {
    const n = tables[name].length;
    if (n < 2 || (n & (n - 1)) !== 0) fail(`${name} is not a slot table`);
  }
  if (tables.deletionStarts.length !== positions.length + 1) fail('variants and their brands differ in number');
  return { header, domains, tables, positions };
}

/** The popular list over its table; `domains` is the header's list, already in rank order. */
function preparedPopular(domains: readonly string[], slots: SlotTable): PopularSites {
  const rank = (domain: string): number => findKey(slots, domain, (i) => domains[i]) + 1;
  return { size: domains.length, domains, has: (domain) => rank(domain) > 0, rank };
}

/** The popular list and the detector from the file's bytes; throws LookalikeTablesError when they do not fit this code. */
export function decodeLookalikeTables(
  bytes: Uint8Array,
  options: LookalikeOptions = DEFAULT_LOOKALIKE_OPTIONS,
): PopularAndLookalikes {
  const { header, domains, tables, positions } = decodeFile(bytes, options);
  const popular = preparedPopular(domains, tables.popularSlots);
  // One object per brand, made when first found (findings compare brands by rank, never by identity).
  const made: (Brand | undefined)[] = [];
  const brandAt = (index: number): Brand | undefined => {
    if (made[index]) return made[index];
    const at = tables.brandDomains[index];
    const domain = at === undefined ? undefined : domains[at];
    if (at === undefined || domain === undefined) return undefined;
    return (made[index] = { name: registrableLabelOf(domain), domain, rank: at + 1 });
  };
  const brandName = (index: number): string | undefined => brandAt(index)?.name;
  const labelAt = (index: number): string | undefined => {
    const domain = domains[index];
    return domain === undefined ? undefined : registrableLabelOf(domain);
  };
  const minSubstring = options.brands.minSubstringLength;
  const catalog: BrandCatalog = {
    byName: { get: (name) => brandAt(findKey(tables.brandSlots, name, brandName)) },
    substringNames: { has: (name) => name.length >= minSubstring && findKey(tables.brandSlots, name, brandName) >= 0 },
    substringLengths: header.substringLengths,
    popularLabels: { has: (label) => findKey(tables.labelSlots, label, labelAt) >= 0 },
  };
  // Keys derived on first comparison and kept: a lookup compares against a slot's key or two.
  const skeletonAt = derivedKeys((i) => {
    const name = brandName(tables.skeletonBrands[i] ?? -1);
    return name === undefined ? undefined : asciiSkeleton(name);
  });
  const deletionAt = derivedKeys((i) => {
    const name = brandName(tables.deletionBrands[tables.deletionStarts[i] ?? -1] ?? -1);
    return name === undefined ? undefined : withoutCharAt(name, positions[i]!);
  });
  const lists: (readonly Brand[] | undefined)[] = [];
  const typos: TyposquatIndex = {
    skeletons: {
      get: (key) => {
        const index = findKey(tables.skeletonSlots, key, skeletonAt);
        return index < 0 ? undefined : brandAt(tables.skeletonBrands[index]!);
      },
    },
    deletions: {
      get: (key) => {
        const index = findKey(tables.deletionSlots, key, deletionAt);
        if (index < 0) return undefined;
        if (!lists[index]) {
          const from = tables.deletionStarts[index]!;
          const to = tables.deletionStarts[index + 1]!;
          lists[index] = Array.from(tables.deletionBrands.subarray(from, to), (b) => brandAt(b)).filter(
            (brand): brand is Brand => brand !== undefined,
          );
        }
        return lists[index];
      },
    },
    catalog,
    options: options.typosquat,
  };
  return { popular, findLookalikes: detectorOver(popular, typos, options) };
}
