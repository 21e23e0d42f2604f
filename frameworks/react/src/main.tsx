import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

const params = new URLSearchParams(location.search);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App proxy={params.get('proxy') ?? ''} link={params.get('link') ?? ''} broken={params.get('broken') ?? ''} />
  </StrictMode>,
);
