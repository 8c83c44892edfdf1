/** `snowman serve`: being written (see issues). */
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('snowman serve: not available in this build yet\n');
  return 1;
}
