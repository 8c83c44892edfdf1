/** What a caught value says: an Error's message, anything else (a thrown string, a rejection reason) as text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
