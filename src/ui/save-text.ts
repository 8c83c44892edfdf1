/** Copy or save text the user asked for (reports, exported settings): local only, nothing is sent. */

/** Puts `text` on the clipboard. */
export function copyText(text: string): Promise<void> {
  return navigator.clipboard.writeText(text);
}

/** Offers `text` as a download named `fileName`. */
export function saveText(doc: Document, fileName: string, text: string, type = 'application/json'): void {
  const link = doc.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
