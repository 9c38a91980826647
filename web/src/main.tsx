import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
// The State design system (DSFR): its CSS, fonts and icons are bundled by Vite, served from this origin.
import '@codegouvfr/react-dsfr/main.css';
import { App } from './App';
import './styles.css';

// react-dsfr writes `:root { color-scheme }` in an inline <style>, which the gateway's CSP
// (style-src 'self') refuses: it skips that when a nonce is expected but none is found, so a
// nonce is announced and window.ssrNonce made to stay undefined; styles.css sets color-scheme.
Object.defineProperty(window, 'ssrNonce', { get: () => undefined, set: () => undefined });
startReactDsfr({ defaultColorScheme: 'light', nonce: 'none' });

const container = document.getElementById('root');
if (!container) throw new Error('Élément #root introuvable');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
