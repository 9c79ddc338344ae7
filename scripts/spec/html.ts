/**
 * A small Markdown-to-HTML conversion for the generated spec (headings, tables, code blocks,
 * paragraphs, images, inline code and links): enough for the page this project writes.
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const inline = (s: string) =>
  esc(s)
    .replace(/!\[([^\]]*)\]\(([^)]+)\)/g, '<img alt="$1" src="$2">')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>');

function table(rows: string[]): string {
  const cells = (r: string) =>
    r
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => inline(c.trim().replace(/\\\|/g, '|')));
  const [head, , ...body] = rows;
  return `<table><tr>${cells(head!)
    .map((c) => `<th>${c}</th>`)
    .join('')}</tr>${body
    .map(
      (r) =>
        `<tr>${cells(r)
          .map((c) => `<td>${c}</td>`)
          .join('')}</tr>`,
    )
    .join('')}</table>`;
}

/** `markdown` as a self-contained HTML page. */
export function markdownToHtml(title: string, markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      const end = lines.indexOf('```', i + 1);
      out.push(`<pre>${esc(lines.slice(i + 1, end).join('\n'))}</pre>`);
      i = end;
    } else if (line.startsWith('|')) {
      const start = i;
      while (lines[i + 1]?.startsWith('|')) i += 1;
      out.push(table(lines.slice(start, i + 1)));
    } else if (/^#{1,3} /.test(line)) {
      const level = line.indexOf(' ');
      out.push(`<h${level}>${inline(line.slice(level + 1))}</h${level}>`);
    } else if (line.startsWith('<!--')) out.push(line);
    else if (line.trim()) out.push(`<p>${inline(line)}</p>`);
  }
  const style =
    'body{font-family:sans-serif;max-width:70em;margin:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}pre{background:#f6f6f6;padding:6px;overflow-x:auto}';
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${esc(title)}</title><style>${style}</style></head><body>\n${out.join('\n')}\n</body></html>\n`;
}
