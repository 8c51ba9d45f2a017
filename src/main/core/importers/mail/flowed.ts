// RFC 3676 format=flowed: a line ending in a space continues on the next line of the same quote
// depth; a leading space is stuffing; with DelSp=yes the space before the break was added for the
// break and goes away. The result is ordinary `> `-quoted text with one line per paragraph.

export function unflow(text: string, delSp: boolean): string {
  const out: string[] = [];
  let open: { depth: number; text: string } | undefined;
  const close = (): void => {
    if (open) out.push(open.depth > 0 ? `${'>'.repeat(open.depth)} ${open.text}` : open.text);
    open = undefined;
  };
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const depth = /^>*/.exec(raw)![0].length;
    let line = raw.slice(depth);
    if (line.startsWith(' ')) line = line.slice(1);
    if (open && open.depth !== depth) close();
    const soft = line.endsWith(' ') && line !== '-- ';
    const piece = soft && delSp ? line.slice(0, -1) : line;
    if (open) open.text += piece;
    else open = { depth, text: piece };
    if (!soft) close();
  }
  close();
  return out.join('\n');
}
