import { useEffect, useRef, useState } from 'react';
import { meshLoader } from '../controller/meshLoader';
import { useServices } from '../services';
import { MeshScene } from './MeshScene';

/** Mounts the Three.js scene; shows a message instead when WebGL is not available. */
export function MeshView() {
  const services = useServices();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let scene: MeshScene;
    try {
      scene = new MeshScene(
        canvas,
        services.store,
        services.layers,
        meshLoader(services.store, services.backend, () => services.readiness.firstSlicesDrawn()),
      );
    } catch (error) {
      setFailure(`3D view unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const { readiness, store } = services;
    readiness.meshesShown = () => scene.meshesShown;
    readiness.previewMeshed = () => {
      const preview = store.getState().preview;
      return preview !== null && scene.preview.shownFor === preview && scene.preview.sideMeshCount === 2;
    };
    return () => {
      readiness.meshesShown = () => 0;
      readiness.previewMeshed = () => false;
      scene.dispose();
    };
  }, [services]);
  return (
    <div className="view-cell view-3d-cell">
      <canvas ref={canvasRef} className="view-canvas" data-testid="view-3d" aria-label="3D view" />
      <div className="view-caption">3D</div>
      {failure && <div className="view-failure">{failure}</div>}
    </div>
  );
}
