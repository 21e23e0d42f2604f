import { load } from './lib/load.ts';
import { pinLoadGenerator } from './lib/report.ts';
import { linkRequest, startSystem } from './lib/system.ts';

pinLoadGenerator();
const system = await startSystem({
  providers: ['placetopay'],
  nodeArgs: ['--cpu-prof', '--cpu-prof-dir=/tmp/wt17p304'],
});
const link = await system.createLink(linkRequest('placetopay'));
const url = `${system.proxyUrl.replace('localhost', '127.0.0.1')}/v1/links/${link.id}/status`;
const r = await load({ url, headers: { 'if-none-match': '"1"' }, connections: 50, duration: 8, warmup: 2 });
console.log(r.rps, r.statuses);
await system.stop();
process.exit(0);
