import { memo, type MouseEvent } from 'react';
import type { SegmentSummary } from '../../shared/api/types';
import { useServices } from '../services';
import { useAppStore } from '../state/hooks';
import { SegmentSwatch, VisibilityToggle } from './SegmentSwatch';

/** One formatter for every count: toLocaleString builds a new one per call. */
const COUNTS = new Intl.NumberFormat('en-US');
export const formatCount = (n: number): string => COUNTS.format(n);

/** Centre voxel of a segment's bounding box. */
export function bboxCenter(s: SegmentSummary): [number, number, number] {
  return [0, 1, 2].map((d) => s.bboxStart[d]! + Math.floor((s.bboxSize[d]! - 1) / 2)) as [
    number,
    number,
    number,
  ];
}

/** One segment: click selects it, Ctrl/Cmd-click adds or removes it, double-click jumps to it. */
export const SegmentRow = memo(function SegmentRow({ segment }: { segment: SegmentSummary }) {
  const { store } = useServices();
  const id = segment.id.toString();
  const selected = useAppStore((s) => s.selection.includes(id));
  const onClick = (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey) store.getState().toggleSelected(id);
    else store.getState().selectOnly(id);
  };
  return (
    <li
      className={selected ? 'segment-row selected' : 'segment-row'}
      data-testid={`segment-row-${id}`}
      aria-selected={selected}
      title="Click: select · Ctrl-click: add/remove · Double-click: jump to it"
      onClick={onClick}
      onDoubleClick={() => store.getState().jumpTo(bboxCenter(segment))}
    >
      <VisibilityToggle id={id} />
      <SegmentSwatch id={id} />
      <span className="segment-id">{id}</span>
      <span className="segment-voxels">{formatCount(segment.voxels)}</span>
    </li>
  );
});
