import { lazy, Suspense, useEffect, useState } from 'react';
import { AnalysisPanel } from './panels/AnalysisPanel';
import { EditToolbar } from './panels/EditToolbar';
import { ErrorBanner } from './panels/ErrorBanner';
import { ProgressBar } from './panels/ProgressBar';
import { SegmentPanel } from './panels/SegmentPanel';
import { StatusBar } from './panels/StatusBar';
import { Toolbar } from './panels/Toolbar';
import { useServices } from './services';
import { SliceView } from './views/SliceView';

/** Three.js is most of the code: it loads once the slice views have drawn. */
const MeshView = lazy(() => import('./views/MeshView').then((m) => ({ default: m.MeshView })));

/**
 * XY | YZ over XZ | 3D (YZ shares XY's rows, XZ its columns), with the side panels at the
 * right; the edit toolbar sits under the main one.
 */
export function App() {
  const { readiness } = useServices();
  const [show3d, setShow3d] = useState(false);
  useEffect(() => void readiness.firstSlicesDrawn().then(() => setShow3d(true)), [readiness]);
  const loading3d = <div className="view-cell view-3d-cell" aria-label="3D view loading" />;
  return (
    <div className="app">
      <Toolbar />
      <EditToolbar />
      <main className="workspace">
        <div className="views">
          <SliceView axis="xy" />
          <SliceView axis="yz" />
          <SliceView axis="xz" />
          {show3d ? (
            <Suspense fallback={loading3d}>
              <MeshView />
            </Suspense>
          ) : (
            loading3d
          )}
        </div>
        <SegmentPanel />
        <AnalysisPanel />
        <ErrorBanner />
        <ProgressBar />
      </main>
      <StatusBar />
    </div>
  );
}
