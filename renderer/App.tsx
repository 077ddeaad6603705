import { AnalysisPanel } from './panels/AnalysisPanel';
import { EditToolbar } from './panels/EditToolbar';
import { ErrorBanner } from './panels/ErrorBanner';
import { ProgressBar } from './panels/ProgressBar';
import { SegmentPanel } from './panels/SegmentPanel';
import { StatusBar } from './panels/StatusBar';
import { Toolbar } from './panels/Toolbar';
import { MeshView } from './views/MeshView';
import { SliceView } from './views/SliceView';

/**
 * XY | YZ over XZ | 3D (YZ shares XY's rows, XZ its columns), with the side panels at the
 * right; the edit toolbar sits under the main one.
 */
export function App() {
  return (
    <div className="app">
      <Toolbar />
      <EditToolbar />
      <main className="workspace">
        <div className="views">
          <SliceView axis="xy" />
          <SliceView axis="yz" />
          <SliceView axis="xz" />
          <MeshView />
        </div>
        <SegmentPanel />
        <AnalysisPanel />
        <ErrorBanner />
      </main>
      <ProgressBar />
      <StatusBar />
    </div>
  );
}
