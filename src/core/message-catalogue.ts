/**
 * Reads a `_locales/<lang>/messages.json` catalogue the way browsers do (`i18n.getMessage`): named
 * placeholders (`$HOST$`) map to `$1`…`$9`, `$$` is a dollar sign. Used outside the browser — by tests
 * and the catalogue checks — so what they render is what a browser renders.
 */
export interface CatalogueEntry {
  readonly message: string;
  readonly description?: string;
  readonly placeholders?: Readonly<Record<string, { readonly content: string; readonly example?: string }>>;
}

export type Catalogue = Readonly<Record<string, CatalogueEntry>>;

/** `getMessage` over `catalogue`: '' for an unknown key, as browsers answer. */
export function catalogueReader(catalogue: Catalogue): (key: string, substitutions?: string | string[]) => string {
  return (key, substitutions) => {
    const entry = catalogue[key];
    if (!entry) return '';
    const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    const fill = (text: string): string => text.replace(/\$(\d)/g, (_m, d: string) => subs[Number(d) - 1] ?? '');
    // Only placeholder contents take `$1`…; a bare `$1` in a message is not portable, and the
    // catalogue test refuses it.
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (_m, name: string) => {
        const placeholder = Object.entries(entry.placeholders ?? {}).find(
          ([k]) => k.toLowerCase() === name.toLowerCase(),
        );
        return placeholder ? fill(placeholder[1].content) : '';
      })
      .replace(/\$\$/g, '$');
  };
}
