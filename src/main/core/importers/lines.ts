/** Splits streamed text into lines (LF, CRLF or CR), holding back only the unfinished last line. */
export class LineSplitter {
  private rest = '';

  push(text: string): string[] {
    let joined = this.rest + text;
    // A CR at the very end may be the first half of a CRLF split across chunks: decide next time.
    const heldCR = joined.endsWith('\r');
    if (heldCR) joined = joined.slice(0, -1);
    const lines = joined.split(/\r\n|\n|\r/);
    this.rest = (lines.pop() ?? '') + (heldCR ? '\r' : '');
    return lines;
  }

  end(): string[] {
    const last = this.rest.replace(/\r$/, '');
    const hadText = this.rest !== '';
    this.rest = '';
    return hadText ? [last] : [];
  }
}
