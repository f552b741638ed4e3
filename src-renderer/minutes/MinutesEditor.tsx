// Minutes as rich text: a contenteditable with a small execCommand toolbar. Saves ~700 ms after the
// last keystroke and on blur; the save indicator counts a pending edit as unsaved.
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { RichDelta } from '../../src-shared/richtext';
import { perform } from '../state/perform';
import { useSaves } from '../state/saves';
import { deltaToTree, treeToDelta } from './delta';
import { readDom, renderTree } from './dom';

const SAVE_DELAY_MS = 700;

interface Props {
  meetingId: string;
  minutes: RichDelta;
  readOnly: boolean;
  saveScope: string;
}

const TOOLS = [
  { id: 'bold', label: 'B', title: 'Bold', command: 'bold' },
  { id: 'italic', label: 'I', title: 'Italic', command: 'italic' },
  { id: 'underline', label: 'U', title: 'Underline', command: 'underline' },
  { id: 'heading', label: 'H', title: 'Heading', command: 'heading' },
  { id: 'list', label: '• List', title: 'Bulleted list', command: 'insertUnorderedList' },
] as const;

export default function MinutesEditor({ meetingId, minutes, readOnly, saveScope }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  /** JSON of the delta the DOM shows, as far as the host knows it. */
  const shown = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const latestMinutes = useRef(minutes);
  latestMinutes.current = minutes;

  const render = useCallback((delta: RichDelta) => {
    if (!ref.current) return;
    renderTree(deltaToTree(delta), ref.current);
    shown.current = JSON.stringify(delta);
  }, []);

  // Follow the host's minutes unless the user is mid-edit here.
  useLayoutEffect(() => {
    const incoming = JSON.stringify(minutes);
    if (incoming === shown.current) return;
    if (dirty.current || (ref.current && document.activeElement === ref.current)) return;
    render(minutes);
  }, [minutes, render]);

  const save = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current || !ref.current) return;
    dirty.current = false;
    const delta = treeToDelta(readDom(ref.current));
    const json = JSON.stringify(delta);
    if (json === shown.current) {
      useSaves.getState().clearDirty(saveScope, 'minutes');
      return;
    }
    // One save at a time, in order: a later save must not be overtaken by an earlier one.
    chain.current = chain.current.then(async () => {
      const pending = perform(saveScope, 'minutes.save', { meetingId, delta });
      if (!dirty.current) useSaves.getState().clearDirty(saveScope, 'minutes');
      const outcome = await pending;
      if (outcome.ok) shown.current = json;
      else if (!dirty.current) render(latestMinutes.current);
    });
  }, [meetingId, render, saveScope]);

  const onInput = () => {
    dirty.current = true;
    useSaves.getState().markDirty(saveScope, 'minutes');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(save, SAVE_DELAY_MS);
  };

  useEffect(() => {
    document.execCommand('defaultParagraphSeparator', false, 'p');
    document.execCommand('styleWithCSS', false, 'false');
    return () => save();
  }, [save]);

  const apply = (command: string) => {
    ref.current?.focus();
    if (command === 'heading') {
      const current = String(document.queryCommandValue('formatBlock')).toLowerCase();
      document.execCommand('formatBlock', false, current === 'h2' ? 'p' : 'h2');
    } else {
      document.execCommand(command);
    }
    onInput();
  };

  return (
    <div className="minutes">
      {!readOnly && (
        <div className="toolbar" role="toolbar" aria-label="Minutes formatting">
          {TOOLS.map((tool) => (
            <button
              key={tool.id}
              type="button"
              className={`tool tool-${tool.id}`}
              title={tool.title}
              aria-label={tool.title}
              data-testid={`minutes-${tool.id}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => apply(tool.command)}
            >
              {tool.label}
            </button>
          ))}
        </div>
      )}
      <div
        ref={ref}
        className="minutes-editor"
        data-testid="minutes-editor"
        role="textbox"
        aria-multiline="true"
        aria-label="Minutes"
        aria-readonly={readOnly}
        contentEditable={!readOnly}
        suppressContentEditableWarning
        onInput={onInput}
        onBlur={save}
      />
    </div>
  );
}
