/**
 * Line numbers of the blocks in a Terraform JSON file, so findings can point at `resource.TYPE.NAME` in the file a
 * code host shows (SARIF `region.startLine`). JSON.parse keeps no positions, hence this small scanner: it walks the
 * text once and records the line of every object key up to three levels below `resource` and `data`.
 */

/** Line (1-based) of `resource.TYPE.NAME` / `data.TYPE.NAME` keys, keyed `resource/TYPE/NAME`. @internal */
export function blockLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let pos = 0;
  let line = 1;

  const skipSpace = (): void => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') return;
      pos++;
    }
  };
  const readString = (): string => {
    // Caller stands on the opening quote.
    pos++;
    let out = '';
    while (pos < text.length && text[pos] !== '"') {
      if (text[pos] === '\\') {
        out += text.slice(pos, pos + 2);
        pos += 2;
        continue;
      }
      if (text[pos] === '\n') line++;
      out += text[pos++];
    }
    pos++;
    try {
      return JSON.parse(`"${out}"`) as string;
    } catch {
      return out;
    }
  };
  const value = (path: string[]): void => {
    skipSpace();
    const c = text[pos];
    if (c === '{') {
      pos++;
      for (;;) {
        skipSpace();
        if (text[pos] === '}') { pos++; return; }
        if (text[pos] === ',') { pos++; continue; }
        if (text[pos] !== '"') throw new Error(`unexpected character at line ${line}`);
        const keyLine = line;
        const key = readString();
        skipSpace();
        pos++; // the colon
        const keyPath = [...path, key];
        if (keyPath.length >= 2 && keyPath.length <= 3 && (keyPath[0] === 'resource' || keyPath[0] === 'data')) {
          const id = keyPath.join('/');
          if (!lines.has(id)) lines.set(id, keyLine);
        }
        value(keyPath);
      }
    }
    if (c === '[') {
      pos++;
      for (;;) {
        skipSpace();
        if (text[pos] === ']') { pos++; return; }
        if (text[pos] === ',') { pos++; continue; }
        // Terraform JSON also allows `"resource": [{ "TYPE": { "NAME": {…} } }]`: an array element keeps its parent's path.
        value(path);
      }
    }
    if (c === '"') {
      readString();
      return;
    }
    while (pos < text.length && !/[,}\]\s]/.test(text[pos])) pos++;
  };

  try {
    value([]);
  } catch {
    // A file JSON.parse accepted should scan too; if not, findings simply carry no line.
  }
  return lines;
}
