// Shows an opened document: text and markdown as text, PDFs in a frame, images inline, anything
// else as a download. The bytes arrive base64-encoded through the contract.
import { useEffect, useState } from 'react';
import type { PageText as PageTextView } from '../../src-shared/search';
import type { DocumentContent } from '../../src-shared/views';
import { getApi } from '../api/api';
import { read } from '../state/perform';
import { formatSize } from './format';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const isText = (mime: string): boolean => mime.startsWith('text/') || /markdown|json|xml/.test(mime);

/** `page`: a search result's page: the PDF opens there, with that page's text shown above it. */
export function DocumentViewer({ documentId, page, onClose }: { documentId: string; page?: number; onClose(): void }) {
  const [doc, setDoc] = useState<DocumentContent | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    let objectUrl: string | null = null;
    read('documents.open', { id: documentId })
      .then((content) => {
        if (!live) return;
        const bytes = bytesOf(content.dataBase64);
        objectUrl = URL.createObjectURL(new Blob([bytes], { type: content.mime }));
        setDoc(content);
        setUrl(objectUrl);
        setText(isText(content.mime) ? new TextDecoder().decode(bytes) : null);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [documentId]);

  return (
    <section className="viewer card" data-testid="document-viewer" aria-label="Document">
      <header className="viewer-header">
        <h3 data-testid="document-viewer-title">{doc ? doc.title : failed ? 'Could not open the document' : 'Opening…'}</h3>
        {doc && <span className="muted">{`${doc.mime}, ${formatSize(doc.size)}`}</span>}
        {doc && url && (
          <a href={url} download={doc.title} data-testid="document-download">
            Download
          </a>
        )}
        <button type="button" className="secondary" data-testid="document-viewer-close" onClick={onClose}>
          Close
        </button>
      </header>
      {doc && url && (
        <div className="viewer-body">
          {text !== null ? (
            <pre data-testid="document-viewer-text">{text}</pre>
          ) : doc.mime === 'application/pdf' ? (
            <>
              {page && <PageText documentId={documentId} page={page} />}
              <iframe title={doc.title} src={page ? `${url}#page=${page}` : url} data-testid="document-viewer-pdf" />
            </>
          ) : doc.mime.startsWith('image/') ? (
            <img src={url} alt={doc.title} data-testid="document-viewer-image" />
          ) : (
            <p>
              This file cannot be shown here.{' '}
              <a href={url} download={doc.title}>
                Download {doc.title}
              </a>
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function PageText({ documentId, page }: { documentId: string; page: number }) {
  const [text, setText] = useState<PageTextView | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let live = true;
    getApi()
      .call('documents.pageText', { id: documentId, page })
      .then(
        (t) => live && setText(t),
        () => live && setMissing(true),
      );
    return () => {
      live = false;
    };
  }, [documentId, page]);

  return (
    <section className="page-text-panel" aria-label={`Text of page ${page}`} data-testid="document-page">
      <h4 data-testid="document-page-number">{text ? `Page ${text.page} of ${text.pages}` : `Page ${page}`}</h4>
      {text ? (
        <p className="page-text" data-testid="document-page-text">
          {text.text}
        </p>
      ) : (
        missing && <p className="muted">The text of this page is not indexed yet.</p>
      )}
    </section>
  );
}
