// Minutes as a Quill-style RichDelta, and the simplified node tree the editor's DOM is read into
// and rendered from. Inline marks (bold, italic, underline) live on characters; block formats
// (header, list) live on the "\n" that ends each line. Pure: no DOM here, so it is unit-tested.
import type { RichAttributes, RichDelta, RichOp } from '../../src-shared/richtext';

export interface InlineStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export type MinutesNode =
  | { kind: 'text'; text: string }
  | { kind: 'element'; tag: string; style?: InlineStyle; children: MinutesNode[] };

type Marks = Pick<RichAttributes, 'bold' | 'italic' | 'underline'>;
type BlockFormat = Pick<RichAttributes, 'header' | 'list'>;

interface Run {
  text: string;
  marks: Marks;
}

interface Line {
  runs: Run[];
  block: BlockFormat;
  /** A block element opened this line (an empty block still counts as a line). */
  started: boolean;
  /** A <br> opened this line: if it ends empty, that <br> was only a placeholder. */
  byBreak: boolean;
}

const BLOCK_TAGS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'section', 'article']);
const LIST_TAGS = new Set(['ul', 'ol']);

/** Attribute keys in the order the host's reader writes them, so equal deltas serialize equally. */
function attributes(marks: Marks, block: BlockFormat): RichAttributes | undefined {
  const out: RichAttributes = {};
  if (marks.bold) out.bold = true;
  if (marks.italic) out.italic = true;
  if (marks.underline) out.underline = true;
  if (block.header) out.header = block.header;
  if (block.list) out.list = block.list;
  return Object.keys(out).length ? out : undefined;
}

function marksOf(tag: string, style: InlineStyle | undefined, inherited: Marks): Marks {
  const marks: Marks = { ...inherited };
  if (tag === 'b' || tag === 'strong' || style?.bold) marks.bold = true;
  if (tag === 'i' || tag === 'em' || style?.italic) marks.italic = true;
  if (tag === 'u' || style?.underline) marks.underline = true;
  return marks;
}

function headerOf(tag: string): BlockFormat['header'] {
  if (tag === 'h1') return 1;
  if (tag === 'h2') return 2;
  if (/^h[3-6]$/.test(tag)) return 3;
  return undefined;
}

export function treeToDelta(nodes: MinutesNode[]): RichDelta {
  const lines: Line[] = [];
  const fresh = (block: BlockFormat, started = false, byBreak = false): Line => ({ runs: [], block, started, byBreak });
  let line = fresh({});

  const endLine = (next: Line): void => {
    if (line.runs.length > 0 || (line.started && !line.byBreak)) lines.push(line);
    line = next;
  };

  const walk = (node: MinutesNode, marks: Marks, block: BlockFormat, listType: BlockFormat['list']): void => {
    if (node.kind === 'text') {
      const text = node.text.replace(/\u200b/g, '').replace(/\u00a0/g, ' ').replace(/[\r\n]+/g, ' ');
      if (text) line.runs.push({ text, marks });
      return;
    }
    const tag = node.tag.toLowerCase();
    if (tag === 'br') {
      lines.push(line);
      line = fresh(line.block, true, true);
      return;
    }
    if (LIST_TAGS.has(tag)) {
      if (line.runs.length > 0) endLine(fresh(block));
      const type = tag === 'ol' ? 'ordered' : 'bullet';
      for (const child of node.children) walk(child, marks, block, type);
      line = fresh(block);
      return;
    }
    if (BLOCK_TAGS.has(tag)) {
      const own: BlockFormat = { ...block };
      const header = headerOf(tag);
      if (header) own.header = header;
      if (tag === 'li' && listType) own.list = listType;
      // Inline content before the block is a line of its own; an empty opened line is replaced.
      if (line.runs.length > 0) endLine(fresh(own, true));
      else line = fresh(own, true);
      for (const child of node.children) walk(child, marks, own, listType);
      endLine(fresh(block));
      return;
    }
    const inner = marksOf(tag, node.style, marks);
    for (const child of node.children) walk(child, inner, block, listType);
  };

  for (const node of nodes) walk(node, {}, {}, undefined);
  endLine(fresh({}));

  const ops: RichOp[] = [];
  const push = (insert: string, attrs: RichAttributes | undefined): void => {
    const last = ops[ops.length - 1];
    if (last && JSON.stringify(last.attributes) === JSON.stringify(attrs)) last.insert += insert;
    else ops.push(attrs ? { insert, attributes: attrs } : { insert });
  };
  for (const l of lines) {
    for (const run of l.runs) push(run.text, attributes(run.marks, {}));
    push('\n', attributes({}, l.block));
  }
  // An editor holding only an empty plain line is empty minutes.
  if (ops.length === 1 && ops[0]!.insert === '\n' && !ops[0]!.attributes) return [];
  return ops;
}

interface DeltaLine {
  runs: Run[];
  block: BlockFormat;
}

export function deltaLines(delta: RichDelta): DeltaLine[] {
  const lines: DeltaLine[] = [];
  let runs: Run[] = [];
  for (const op of delta) {
    const a = op.attributes ?? {};
    const marks: Marks = {};
    if (a.bold) marks.bold = true;
    if (a.italic) marks.italic = true;
    if (a.underline) marks.underline = true;
    const parts = op.insert.split('\n');
    parts.forEach((part, i) => {
      if (part) runs.push({ text: part, marks });
      if (i < parts.length - 1) {
        const block: BlockFormat = {};
        if (a.header) block.header = a.header;
        if (a.list) block.list = a.list;
        lines.push({ runs, block });
        runs = [];
      }
    });
  }
  if (runs.length) lines.push({ runs, block: {} });
  return lines;
}

function inlineNodes(runs: Run[]): MinutesNode[] {
  if (runs.length === 0) return [{ kind: 'element', tag: 'br', children: [] }];
  return runs.map((run) => {
    let node: MinutesNode = { kind: 'text', text: run.text };
    if (run.marks.underline) node = { kind: 'element', tag: 'u', children: [node] };
    if (run.marks.italic) node = { kind: 'element', tag: 'i', children: [node] };
    if (run.marks.bold) node = { kind: 'element', tag: 'b', children: [node] };
    return node;
  });
}

export function deltaToTree(delta: RichDelta): MinutesNode[] {
  const out: MinutesNode[] = [];
  let list: { type: 'bullet' | 'ordered'; node: Extract<MinutesNode, { kind: 'element' }> } | null = null;
  for (const line of deltaLines(delta)) {
    const children = inlineNodes(line.runs);
    const h = line.block.header;
    const content: MinutesNode[] = h ? [{ kind: 'element', tag: `h${h}`, children }] : children;
    if (line.block.list) {
      if (!list || list.type !== line.block.list) {
        list = { type: line.block.list, node: { kind: 'element', tag: line.block.list === 'ordered' ? 'ol' : 'ul', children: [] } };
        out.push(list.node);
      }
      list.node.children.push({ kind: 'element', tag: 'li', children: content });
      continue;
    }
    list = null;
    out.push(h ? content[0]! : { kind: 'element', tag: 'p', children });
  }
  return out;
}
