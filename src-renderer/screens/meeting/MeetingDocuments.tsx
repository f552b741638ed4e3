import { useState } from 'react';
import type { DocumentRow } from '../../../src-shared/domain';
import { AttachFile } from '../../components/AttachFile';
import { DocumentViewer } from '../../components/DocumentViewer';
import { formatSize } from '../../components/format';

interface Props {
  boardroomId: string;
  meetingId: string;
  documents: DocumentRow[];
  editable: boolean;
  scope: string;
}

export function MeetingDocuments({ boardroomId, meetingId, documents, editable, scope }: Props) {
  const [viewing, setViewing] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="meeting-docs-title">
      <h2 id="meeting-docs-title">Documents</h2>
      {documents.length === 0 ? (
        <p className="muted">No documents attached.</p>
      ) : (
        <ul className="doc-list" data-testid="meeting-documents">
          {documents.map((doc) => (
            <li key={doc.id} data-testid="document-row" data-document-id={doc.id}>
              <button type="button" className="link" data-testid="document-open" onClick={() => setViewing(doc.id)}>
                {doc.title}
              </button>{' '}
              <span className="muted">{formatSize(doc.size)}</span>
            </li>
          ))}
        </ul>
      )}
      {editable && <AttachFile boardroomId={boardroomId} meetingId={meetingId} scope={scope} />}
      {viewing && <DocumentViewer documentId={viewing} onClose={() => setViewing(null)} />}
    </section>
  );
}
