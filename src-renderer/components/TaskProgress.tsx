// Long background work in main (indexing a document's text, re-indexing after an upgrade) reports
// `progress` events; each unfinished task shows as a bar until it is done, in a corner panel that
// floats over the page so it never moves what the user is reading.
import { useEffect, useState } from 'react';
import { getApi } from '../api/api';

interface Task {
  task: string;
  done: number;
  total: number;
}

export function TaskProgress() {
  const [tasks, setTasks] = useState<Map<string, Task>>(new Map());

  useEffect(
    () =>
      getApi().on('progress', (p) =>
        setTasks((current) => {
          const next = new Map(current);
          if (p.done >= p.total) next.delete(p.task);
          else next.set(p.task, p);
          return next;
        }),
      ),
    [],
  );

  if (tasks.size === 0) return null;
  return (
    <div className="task-progress" role="status" aria-live="polite" data-testid="task-progress">
      {[...tasks.values()].map((t) => (
        <div key={t.task} className="task">
          <span>{t.task}</span>
          <progress max={t.total} value={t.done} aria-label={t.task} />
          <span className="muted">
            {t.done} / {t.total}
          </span>
        </div>
      ))}
    </div>
  );
}
