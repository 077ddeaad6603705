import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Bookmark } from '../../shared/api/types';
import { messageOf } from '../controller/taskIds';
import { useServices } from '../services';
import { useAppStore } from '../state/hooks';

/** Bookmarks of the project: add one at the crosshair with a note, click to jump, × to delete. */
export function BookmarksSection() {
  const { store, backend } = useServices();
  const sessionSeq = useAppStore((s) => s.sessionSeq);
  const [bookmarks, setBookmarks] = useState<readonly Bookmark[]>([]);
  const [note, setNote] = useState('');
  const fail = useCallback(
    (what: string) => (error: unknown) =>
      store.getState().pushError(`Could not ${what}: ${messageOf(error)}`),
    [store],
  );
  const reload = useCallback(() => {
    backend.api.listBookmarks({}).then(setBookmarks, fail('list the bookmarks'));
  }, [backend, fail]);
  useEffect(() => {
    if (sessionSeq > 0) reload();
  }, [sessionSeq, reload]);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const [z, y, x] = store.getState().view.position;
    backend.api.addBookmark({ voxel: [z, y, x], note: note.trim() }).then(() => {
      setNote('');
      reload();
    }, fail('add the bookmark'));
  };
  const remove = (id: number) => backend.api.deleteBookmark({ id }).then(reload, fail('delete the bookmark'));

  return (
    <section className="proofread-section fill" data-testid="bookmarks-section">
      <div className="panel-heading">
        <span>Bookmarks ({bookmarks.length})</span>
      </div>
      <form className="bookmark-add" onSubmit={add}>
        <input
          className="search"
          data-testid="bookmark-note"
          placeholder="Note for a bookmark at the crosshair"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <button type="submit" data-testid="bookmark-add">
          Add
        </button>
      </form>
      <ul className="proofread-list" data-testid="bookmark-list">
        {bookmarks.map((b) => (
          <li
            key={b.id}
            className="proofread-row"
            data-testid={`bookmark-${b.id}`}
            title="Click: jump here"
            onClick={() => store.getState().jumpTo(b.voxel)}
          >
            <span className="row-main">{b.note || <span className="muted">(no note)</span>}</span>
            <span className="row-meta">{b.voxel.join(', ')}</span>
            <button
              type="button"
              className="icon"
              aria-label={`Delete bookmark ${b.id}`}
              data-testid={`bookmark-delete-${b.id}`}
              onClick={(e) => {
                e.stopPropagation();
                void remove(b.id);
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
