/** `snowman train`: being written (see issues). */
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('snowman train: not available in this build yet\n');
  return 1;
}
