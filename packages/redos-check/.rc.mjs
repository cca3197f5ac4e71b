import { check } from 'recheck';
const src = process.argv[2];
const r = await check(src, process.argv[3] ?? 'i', { timeout: 60000 });
console.log(r.status, r.complexity?.type, r.checker, r.attack?.pattern);
