// A file's text, page by page: PDFs through pdf.js (legacy build, for Node), plain text and Markdown
// cut into pages of about 3,000 characters. Runs in the extraction worker, never on main's thread.

export interface TextPage {
  /** 1-based. */
  page: number;
  text: string;
}

export const TEXT_PAGE_CHARS = 3_000;

export function isExtractable(mime: string): boolean {
  return mime === 'application/pdf' || mime === 'text/plain' || mime === 'text/markdown';
}

/**
 * Calls `onPage` for every page in order; awaits it, so the caller can batch and post pages as they
 * come instead of holding a 300-page book in memory. Throws what pdf.js throws for a damaged file.
 */
export async function extractPages(data: Uint8Array, mime: string, onPage: (page: TextPage, pages: number) => void | Promise<void>): Promise<number> {
  if (mime === 'application/pdf') return extractPdf(data, onPage);
  const pages = splitText(new TextDecoder('utf-8').decode(data));
  for (const page of pages) await onPage(page, pages.length);
  return pages.length;
}

async function extractPdf(data: Uint8Array, onPage: (page: TextPage, pages: number) => void | Promise<void>): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
  }).promise;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      page.cleanup();
      await onPage({ page: n, text: text.trim() }, doc.numPages);
    }
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/** Pages of about TEXT_PAGE_CHARS, cut at a paragraph, a line or a space where one is near. */
export function splitText(text: string): TextPage[] {
  const pages: TextPage[] = [];
  let rest = text.replace(/\r\n?/g, '\n');
  while (rest.length > 0) {
    let cut = rest.length;
    if (rest.length > TEXT_PAGE_CHARS) {
      const window = rest.slice(0, TEXT_PAGE_CHARS);
      const floor = TEXT_PAGE_CHARS * 0.6;
      const at = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i >= floor);
      cut = at !== undefined ? at + 1 : TEXT_PAGE_CHARS;
    }
    const pageText = rest.slice(0, cut).trim();
    rest = rest.slice(cut);
    if (pageText.length > 0) pages.push({ page: pages.length + 1, text: pageText });
  }
  return pages;
}
