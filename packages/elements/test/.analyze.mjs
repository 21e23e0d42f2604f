import { build } from 'vite';
import { gzipSync } from 'node:zlib';
const out = await build({ logLevel: 'silent', build: { write: false } });
for (const o of [out].flat()) for (const chunk of o.output) {
  if (chunk.type !== 'chunk' || chunk.fileName !== 'paylink.js') continue;
  let tot=0;
  const mods = Object.entries(chunk.modules).map(([id, m]) => [m.code ? gzipSync(m.code,{level:9}).length : 0, id.replace(process.cwd(), '')]).sort((a,b)=>b[0]-a[0]);
  for (const [len, id] of mods) { tot+=len; console.log(String(len).padStart(7), id); }
  console.log('sum', tot, 'chunk gz', gzipSync(chunk.code,{level:9}).length);
}
