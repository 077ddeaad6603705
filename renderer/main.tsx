import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { attachKeyboard } from './controller/keyboard';
import { bootstrap } from './controller/session';
import { startSplitPreview } from './controller/splitPreview';
import { startSync } from './controller/sync';
import { createServices, ServicesContext } from './services';
import { installTestHooks } from './testHooks';
import './styles.css';

const services = createServices();
installTestHooks(services);
startSync(services.store, services.backend);
services.edits.start();
startSplitPreview(services.store, services.backend);
attachKeyboard(services);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>
  </StrictMode>,
);

void bootstrap(services.store, services.backend);
