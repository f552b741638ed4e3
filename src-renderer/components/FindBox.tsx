// "Find": filters boardroom names and loaded meeting titles through the search worker, which is
// loaded the first time this box gets focus.
import { useEffect, useRef, useState } from 'react';
import { meetingHref, roomHref } from '../router';
import type { SearchHit, SearchItem } from '../search/search-types';

type Client = typeof import('../search/search-client');

interface Props {
  items: SearchItem[];
  kinds: readonly SearchItem['kind'][];
  placeholder: string;
}

export function FindBox({ items, kinds, placeholder }: Props) {
  const [client, setClient] = useState<Client | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [ready, setReady] = useState(0);
  const loading = useRef(false);

  const load = () => {
    if (client || loading.current) return;
    loading.current = true;
    void import('../search/search-client').then(setClient);
  };

  useEffect(() => {
    if (!client) return;
    let live = true;
    void client.syncIndex(items, kinds).then(() => live && setReady((n) => n + 1));
    return () => {
      live = false;
    };
  }, [client, items, kinds]);

  useEffect(() => {
    if (!client || !query.trim()) {
      setHits([]);
      return;
    }
    let live = true;
    void client.search(query, 20).then((h) => live && setHits(h));
    return () => {
      live = false;
    };
  }, [client, query, ready]);

  return (
    <div className="find" role="search">
      <input
        type="search"
        className="find-input"
        data-testid="find-input"
        aria-label="Find"
        placeholder={placeholder}
        value={query}
        onFocus={load}
        onChange={(e) => setQuery(e.target.value)}
      />
      {query.trim() && (
        <ul className="find-results" data-testid="find-results">
          {hits.length === 0 && <li className="muted">No matches</li>}
          {hits.map((hit) => (
            <li key={hit.id}>
              <a
                href={hit.kind === 'meeting' ? meetingHref(hit.id) : roomHref(hit.id)}
                data-testid="find-result"
                onClick={() => setQuery('')}
              >
                <span className="find-kind">{hit.kind}</span> {hit.title}
                {hit.subtitle && <span className="muted"> — {hit.subtitle}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
