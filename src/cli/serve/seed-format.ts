/**
 * The seed Snowman's answer, byte for byte: `{"input query": "example.com", "score": "0.19122"}`.
 * It was Python's json.dumps: ", " and ": " separators, non-ASCII and DEL escaped as \uXXXX,
 * and the score a string with five decimals. Scripts that parse it keep working unchanged.
 */

function pythonJsonString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The seed response body for one input and its score. */
export function seedResponse(input: string, score: number): string {
  return `{"input query": ${pythonJsonString(input)}, "score": "${score.toFixed(5)}"}`;
}
