/**
 * The popular list and the lookalike detector's indexes, prepared at build time (build.mjs writes
 * them from model/popular-domains.txt with this module) as hash tables looked up in place
 * (core/prepared-lookup.ts): a starting worker decodes one file and is ready, instead of
 * splitting, folding and slicing ten thousand names and filling maps with them (~70 ms of a cold
 * worker's time). The detector over them is the one createLookalikeDetector builds, so the
 * verdicts are the same; a file that does not match this code is refused with a
 * LookalikeTablesError, and the caller parses the source list instead.
 *
 *   "SLKT" | u32 version | u32 header length | header JSON | pad to 4 | tables (u16 or u32, each padded to 4)
 *
 * The header holds the strings (popular domains in rank order, skeletons, one-deletion variants);
 * the tables are slot tables over them and the links between them (TABLES below). Brand names and
 * popular labels are not stored: each is the registrable label of a popular domain.
 */
import { parsePopularSites, type PopularSites } from '../popular-sites.js';
import { findKey, layoutSlots, type SlotTable } from '../prepared-lookup.js';
import { buildBrandCatalog, type Brand, type BrandCatalog } from './brand-catalog.js';
import { registrableLabelOf } from './host-parts.js';
import { DEFAULT_LOOKALIKE_OPTIONS, detectorOver, type LookalikeDetector, type LookalikeOptions } from './index.js';
import { buildTyposquatIndex, type TyposquatIndex } from './typosquat.js';

/** File name beside the popular list in the packaged model directory. */
export const LOOKALIKE_TABLES_FILE = 'lookalike-tables.bin';
const MAGIC = 'SLKT';
/** Raised whenever the builder or the readers below change what the file means. */
export const LOOKALIKE_TABLES_VERSION = 1;

/**
 * The tables, in file order: slot tables hold 1 + an index (0 empty); `brandDomains` gives each
 * brand's domain index; `skeletonBrands` each skeleton's brand; a variant's brands are
 * `deletionBrands[deletionStarts[k]…deletionStarts[k + 1]]`.
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

interface Header {
  /** The tuning the indexes were built with: another tuning in this code means another file. */
  readonly options: LookalikeOptions;
  /** Bytes per table entry: 2 while every index fits. */
  readonly width: 2 | 4;
  readonly domains: readonly string[];
  readonly skeletons: readonly string[];
  readonly deletions: readonly string[];
  readonly substringLengths: readonly number[];
  /** Entries per table, in TABLES order. */
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
  for (const list of typos.deletions.values()) {
    for (const brand of list) deletionBrands.push(brandIndex.get(brand)!);
    starts.push(deletionBrands.length);
  }
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
  const header: Header = {
    options,
    width,
    domains,
    skeletons,
    deletions,
    substringLengths: typos.catalog.substringLengths,
    lengths: TABLES.map((name) => tables[name].length),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  let offset = pad4(12 + headerBytes.length);
  const bytes = new Uint8Array(offset + TABLES.reduce((sum, name) => sum + pad4(tables[name].length * width), 0));
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, LOOKALIKE_TABLES_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  bytes.set(headerBytes, 12);
  for (const name of TABLES) {
    const values = tables[name];
    for (let i = 0; i < values.length; i++) {
      if (width === 2) view.setUint16(offset + i * 2, values[i]!, true);
      else view.setUint32(offset + i * 4, values[i]!, true);
    }
    offset += pad4(values.length * width);
  }
  return bytes;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** The header and the tables as views (one copy of the table bytes); throws LookalikeTablesError. */
function decodeFile(
  bytes: Uint8Array,
  options: LookalikeOptions,
): { header: Header; tables: Record<TableName, SlotTable> } {
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
  if (!isStrings(header.domains) || !isStrings(header.skeletons) || !isStrings(header.deletions))
    fail('the header lists are malformed');
  if (!Array.isArray(header.substringLengths) || !header.substringLengths.every(Number.isInteger))
    fail('substringLengths are malformed');
  const lengths = header.lengths;
  if (
    !Array.isArray(lengths) ||
    lengths.length !== TABLES.length ||
    !lengths.every((n) => Number.isInteger(n) && n >= 0)
  )
    fail('the table lengths are malformed');
  const start = pad4(12 + headerLength);
  const size = lengths.reduce((sum, n) => sum + pad4(n * header.width), 0);
  if (bytes.length !== start + size) fail(`it holds ${bytes.length} bytes, its header needs ${start + size}`);
  // A copy, so the views are aligned whatever the offset of `bytes` in its buffer.
  const buffer = bytes.slice(start).buffer;
  const Table = header.width === 2 ? Uint16Array : Uint32Array;
  let offset = 0;
  const tables = {} as Record<TableName, SlotTable>;
  TABLES.forEach((name, i) => {
    tables[name] = new Table(buffer, offset, lengths[i]!);
    offset += pad4(lengths[i]! * header.width);
  });
  for (const name of ['popularSlots', 'labelSlots', 'brandSlots', 'skeletonSlots', 'deletionSlots'] as const) {
    const n = tables[name].length;
    if (n < 2 || (n & (n - 1)) !== 0) fail(`${name} is not a slot table`);
  }
  if (tables.skeletonBrands.length !== header.skeletons.length) fail('skeletons and their brands differ in number');
  if (tables.deletionStarts.length !== header.deletions.length + 1) fail('variants and their brands differ in number');
  return { header, tables };
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
  const { header, tables } = decodeFile(bytes, options);
  const { domains, skeletons, deletions } = header;
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
  const lists: (readonly Brand[] | undefined)[] = [];
  const typos: TyposquatIndex = {
    skeletons: {
      get: (key) => {
        const index = findKey(tables.skeletonSlots, key, (i) => skeletons[i]);
        return index < 0 ? undefined : brandAt(tables.skeletonBrands[index]!);
      },
    },
    deletions: {
      get: (key) => {
        const index = findKey(tables.deletionSlots, key, (i) => deletions[i]);
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
