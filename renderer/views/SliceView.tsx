import { useEffect, useRef } from 'react';
import type { SliceAxis } from '../../shared/api/types';
import { useServices } from '../services';
import { AXIS_COLORS } from './sliceAxes';
import { SliceViewRenderer } from './SliceViewRenderer';

/** Mounts a SliceViewRenderer on a canvas; React never re-renders it for view changes. */
export function SliceView({ axis }: { axis: SliceAxis }) {
  const services = useServices();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const { store, layers, actions } = services;
    const tools = { axis, store, layer: layers[axis], actions };
    const renderer = new SliceViewRenderer(canvas, tools, (a) => services.readiness.markDrawn(a));
    return () => renderer.dispose();
  }, [axis, services]);
  return (
    <div className="view-cell" style={{ borderColor: AXIS_COLORS[axis] }}>
      <canvas
        ref={canvasRef}
        className="view-canvas"
        data-testid={`slice-view-${axis}`}
        tabIndex={0}
        aria-label={`${axis.toUpperCase()} slice view`}
      />
    </div>
  );
}
