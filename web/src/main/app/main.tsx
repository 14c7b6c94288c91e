import '@patternfly/react-core/dist/styles/base.css';
import './console.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Shell } from './components/Shell';
import { Loading } from './components/States';
import { SessionProvider } from './session';
import { SignIn } from './pages/SignIn';

// Each screen is its own chunk: the first screen loads only the shell and what it shows.
const Clusters = lazy(() => import('./pages/Clusters'));
const Inventory = lazy(() => import('./pages/Inventory'));
const ImportWizard = lazy(() => import('./pages/ImportWizard'));
const Firewall = lazy(() => import('./pages/Firewall'));
const Groups = lazy(() => import('./pages/Groups'));
const Explain = lazy(() => import('./pages/Explain'));
const Connectivity = lazy(() => import('./pages/Connectivity'));
const AuditLog = lazy(() => import('./pages/AuditLog'));
const UnusedRules = lazy(() => import('./pages/UnusedRules'));
const Traceflow = lazy(() => import('./pages/Traceflow'));
const Revisions = lazy(() => import('./pages/Revisions'));

function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/signin" element={<SignIn />} />
          <Route element={<Shell />}>
            <Route index element={<Navigate to="/clusters" replace />} />
            <Route path="/clusters" element={<Lazy><Clusters /></Lazy>} />
            <Route path="/inventory" element={<Lazy><Inventory /></Lazy>} />
            <Route path="/import" element={<Lazy><ImportWizard /></Lazy>} />
            <Route path="/firewall" element={<Lazy><Firewall /></Lazy>} />
            <Route path="/firewall/unused" element={<Lazy><UnusedRules /></Lazy>} />
            <Route path="/groups" element={<Lazy><Groups /></Lazy>} />
            <Route path="/explain" element={<Lazy><Explain /></Lazy>} />
            <Route path="/connectivity" element={<Lazy><Connectivity /></Lazy>} />
            <Route path="/traceflow" element={<Lazy><Traceflow /></Lazy>} />
            <Route path="/revisions" element={<Lazy><Revisions /></Lazy>} />
            <Route path="/audit" element={<Lazy><AuditLog /></Lazy>} />
            <Route path="*" element={<Navigate to="/clusters" replace />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}

function Lazy({ children }: { children: React.ReactNode }) {
  return <Suspense fallback={<Loading what="screen" />}>{children}</Suspense>;
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
