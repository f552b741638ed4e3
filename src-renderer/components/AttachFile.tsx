// Attach a file: read it as base64 (with progress), send it, refuse what the host would refuse
// anyway (over 20 MiB) before reading a byte.
import { useRef, useState } from 'react';
import { pushAlert } from '../state/alerts';
import { perform } from '../state/perform';
import { formatSize } from './format';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const MIME = /^[\w.+-]+\/[\w.+-]+$/;

type Phase = { name: 'idle' } | { name: 'reading'; file: string; percent: number } | { name: 'sending'; file: string };

function readBase64(file: File, onProgress: (percent: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    reader.onerror = () => reject(new Error(`Could not read “${file.name}”: ${reader.error?.message ?? 'unknown error'}`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

export function AttachFile({ boardroomId, meetingId, scope }: { boardroomId: string; meetingId?: string; scope: string }) {
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const input = useRef<HTMLInputElement>(null);

  const attach = async (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      pushAlert(`“${file.name}” is ${formatSize(file.size)}; files over 20 MiB cannot be attached. Attach a smaller file or a link to it.`);
      return;
    }
    try {
      setPhase({ name: 'reading', file: file.name, percent: 0 });
      const dataBase64 = await readBase64(file, (percent) => setPhase({ name: 'reading', file: file.name, percent }));
      setPhase({ name: 'sending', file: file.name });
      const mime = MIME.test(file.type) ? file.type : 'application/octet-stream';
      await perform(scope, 'documents.attach', {
        boardroomId,
        ...(meetingId ? { meetingId } : {}),
        title: file.name.slice(0, 200),
        mime,
        dataBase64,
      });
    } catch (error) {
      pushAlert(error instanceof Error ? error.message : String(error));
    } finally {
      setPhase({ name: 'idle' });
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="attach">
      <label className="button secondary">
        Attach a file
        <input
          ref={input}
          type="file"
          className="visually-hidden"
          data-testid="attach-input"
          disabled={phase.name !== 'idle'}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void attach(file);
          }}
        />
      </label>
      {phase.name !== 'idle' && (
        <span className="attach-progress" data-testid="attach-progress" role="status">
          {phase.name === 'reading' ? `Reading “${phase.file}”… ${phase.percent}%` : `Sending “${phase.file}”…`}
          <progress max={100} value={phase.name === 'reading' ? phase.percent : undefined} />
        </span>
      )}
    </div>
  );
}
