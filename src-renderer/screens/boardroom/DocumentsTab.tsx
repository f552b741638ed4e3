import { memo, useCallback, useEffect, useState } from 'react';
import type { ProjectionTable } from '../../../src-shared/docs/projection';
import type { DocumentRow } from '../../../src-shared/domain';
import { AttachFile } from '../../components/AttachFile';
import { DocumentViewer } from '../../components/DocumentViewer';
import { formatDate, formatSize } from '../../components/format';
import type { Focus } from '../../router';
import { perform, read } from '../../state/perform';
import { useRoomData } from '../../state/room-data';
import { useLiveQuery } from '../../state/use-live-query';

const TABLES: readonly ProjectionTable[] = ['documents'];
const PAGE = 100;

export function DocumentsTab({ roomId, editable, scope, focus }: { roomId: string; editable: boolean; scope: string; focus?: Focus }) {
  const [offset, setOffset] = useState(0);
  const [viewing, setViewing] = useState<{ id: string; page?: number } | null>(focus?.document ? { id: focus.document, page: focus.page } : null);

  // A search result opened while this tab is already shown.
  useEffect(() => {
    if (focus?.document) setViewing({ id: focus.document, page: focus.page });
  }, [focus?.document, focus?.page]);
  const openDocument = useCallback((id: string) => setViewing({ id }), []);
  const page = useRoomData((s) => s.documents.get(roomId));

  useLiveQuery(`documents:${roomId}:${offset}`, TABLES, async () => {
    useRoomData.getState().receiveDocuments(roomId, await read('documents.page', { boardroomId: roomId, offset, limit: PAGE }));
  });

  const shown = page && page.offset === offset ? page : null;
  return (
    <div className="documents-tab">
      {editable && <AttachFile boardroomId={roomId} scope={scope} />}
      {viewing && <DocumentViewer key={`${viewing.id}:${viewing.page ?? ''}`} documentId={viewing.id} page={viewing.page} onClose={() => setViewing(null)} />}
      {!shown ? (
        <p className="muted">Loading documents…</p>
      ) : shown.total === 0 ? (
        <p className="muted">No documents yet.</p>
      ) : (
        <>
          <p className="muted" data-testid="document-count">
            {shown.total === 1 ? '1 document' : `Documents ${offset + 1}–${offset + shown.items.length} of ${shown.total}`}
          </p>
          <DocumentTable items={shown.items} editable={editable} scope={scope} onOpen={openDocument} />
          {shown.total > PAGE && (
            <div className="pager">
              <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Previous
              </button>
              <button type="button" className="secondary" disabled={offset + PAGE >= shown.total} onClick={() => setOffset(offset + PAGE)}>
                Next
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

interface TableProps {
  items: DocumentRow[];
  editable: boolean;
  scope: string;
  onOpen(id: string): void;
}

export function DocumentTable({ items, editable, scope, onOpen }: TableProps) {
  return (
    <table className="table" data-testid="document-list">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Type</th>
          <th scope="col">Size</th>
          <th scope="col">Added</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((doc) => (
          <DocumentTableRow key={doc.id} doc={doc} editable={editable} scope={scope} onOpen={onOpen} />
        ))}
      </tbody>
    </table>
  );
}

const DocumentTableRow = memo(function DocumentTableRow({
  doc,
  editable,
  scope,
  onOpen,
}: {
  doc: DocumentRow;
  editable: boolean;
  scope: string;
  onOpen(id: string): void;
}) {
  return (
    <tr data-testid="document-row" data-document-id={doc.id}>
      <td>
        <button type="button" className="link" data-testid="document-open" onClick={() => onOpen(doc.id)}>
          {doc.title}
        </button>
      </td>
      <td className="muted">{doc.mime}</td>
      <td className="muted">{formatSize(doc.size)}</td>
      <td className="muted">{formatDate(doc.createdAt)}</td>
      <td className="cell-actions">
        {editable && (
          <button
            type="button"
            className="secondary danger"
            data-testid="document-remove"
            aria-label={`Remove ${doc.title}`}
            onClick={() => void perform(scope, 'documents.remove', { id: doc.id })}
          >
            Remove
          </button>
        )}
      </td>
    </tr>
  );
});
