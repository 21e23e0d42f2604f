// Server rendering must not crash on the elements: `npm run build:ssr && node dist-ssr/ssr.js`.
import { renderToString } from 'react-dom/server';
import { App } from './App.tsx';

console.log(renderToString(<App proxy="https://pay.example.com" link="pl_ssr" broken="" />));
