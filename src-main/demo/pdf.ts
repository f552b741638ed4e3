// A minimal PDF writer (Helvetica text pages) so the app can make its own demo documents and tests
// can make PDFs with known words in them. ASCII text only; one line per array entry.

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const LINES_PER_PAGE = 46;

function escapeText(line: string): string {
  return line.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
}

/** Builds a PDF whose pages hold `pages[i]` (lines of text); long pages are split. */
export function makePdf(title: string, pages: string[][]): Buffer {
  const split: string[][] = [];
  for (const page of pages) {
    for (let i = 0; i < Math.max(page.length, 1); i += LINES_PER_PAGE) split.push(page.slice(i, i + LINES_PER_PAGE));
  }
  const objects: string[] = [];
  const pageIds: number[] = [];
  // 1: catalog, 2: pages, 3: font, 4: info; then page + content pairs.
  let nextId = 5;
  const pageObjects: string[] = [];
  for (const lines of split) {
    const pageId = nextId++;
    const contentId = nextId++;
    pageIds.push(pageId);
    const body = ['BT', '/F1 11 Tf', '14 TL', `72 ${PAGE_HEIGHT - 72} Td`, ...lines.map((l) => `(${escapeText(l)}) Tj T*`), 'ET'].join('\n');
    pageObjects.push(
      `${pageId} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>\nendobj\n`,
      `${contentId} 0 obj\n<< /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream\nendobj\n`,
    );
  }
  objects.push(
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    `2 0 obj\n<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>\nendobj\n`,
    '3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>\nendobj\n',
    `4 0 obj\n<< /Title (${escapeText(title)}) /Producer (Boardroom) >>\nendobj\n`,
    ...pageObjects,
  );
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (const obj of objects) {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += obj;
  }
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
