// The thin DOM side of the minutes editor: read the contenteditable into a MinutesNode tree, and
// render a tree back. Everything that decides what the minutes mean lives in delta.ts.
import type { InlineStyle, MinutesNode } from './delta';

function styleOf(el: HTMLElement): InlineStyle | undefined {
  const s = el.style;
  const weight = s.fontWeight;
  const style: InlineStyle = {};
  if (weight === 'bold' || weight === 'bolder' || Number(weight) >= 600) style.bold = true;
  if (s.fontStyle === 'italic') style.italic = true;
  if ((s.textDecorationLine || s.textDecoration).includes('underline')) style.underline = true;
  return Object.keys(style).length ? style : undefined;
}

export function readDom(root: Node): MinutesNode[] {
  const out: MinutesNode[] = [];
  root.childNodes.forEach((node) => {
    if (node.nodeType === Node.TEXT_NODE) out.push({ kind: 'text', text: node.textContent ?? '' });
    else if (node instanceof HTMLElement) {
      const style = styleOf(node);
      const element: MinutesNode = { kind: 'element', tag: node.tagName.toLowerCase(), children: readDom(node) };
      if (style) element.style = style;
      out.push(element);
    }
  });
  return out;
}

export function renderTree(nodes: MinutesNode[], into: HTMLElement): void {
  const build = (node: MinutesNode): Node => {
    if (node.kind === 'text') return document.createTextNode(node.text);
    const el = document.createElement(node.tag);
    for (const child of node.children) el.appendChild(build(child));
    return el;
  };
  into.replaceChildren(...nodes.map(build));
}
