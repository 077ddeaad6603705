import type { VoiContributor } from '../../shared/api/metricsTypes';
import { formatNumber } from './metricsFormat';

/**
 * The segments contributing most to voi_split (ground-truth objects cut into pieces) or
 * voi_merge (segments spanning several objects). A click selects the segments and jumps there.
 */
export function ContributorList({
  kind,
  items,
  onShow,
}: {
  kind: 'split' | 'merge';
  items: readonly VoiContributor[];
  onShow: (item: VoiContributor) => void;
}) {
  if (items.length === 0) return <p className="hint muted">None</p>;
  return (
    <ul className="contributor-list" data-testid={`contributors-${kind}`}>
      {items.map((c) => (
        <li key={c.id.toString()}>
          <button
            type="button"
            className="contributor"
            data-testid={`contributor-${kind}-${c.id}`}
            title={
              kind === 'split' ? `select its ${c.parts} pieces and jump there` : 'select it and jump there'
            }
            onClick={() => onShow(c)}
          >
            <span className="contributor-id">{kind === 'split' ? `GT ${c.id}` : c.id.toString()}</span>
            <span className="muted">{kind === 'split' ? `${c.parts} pieces` : `${c.parts} objects`}</span>
            <span className="contributor-value">{formatNumber(c.value, 3)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
