// Sizes of the script-tag builds: minified, gzip and brotli (DESIGN §2; budgets in issue 4).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { join } from 'node:path';

export function sizeOf(file) {
  const buf = readFileSync(file);
  return {
    min: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The files of one CDN entry: the entry alone (initial) and with every chunk it can load (whole). */
export function cdnSizes(dir = 'dist/cdn') {
  const chunks = existsSync(join(dir, 'chunks')) ? readdirSync(join(dir, 'chunks')).filter((f) => f.endsWith('.js')) : [];
  const entries = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const result = {};
  for (const entry of entries) {
    const initial = sizeOf(join(dir, entry));
    const seen = new Set();
    const walk = (file) => {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/["'`]\.\/(?:chunks\/)?([\w.-]+\.js)["'`]/g)) {
        const name = m[1];
        if (chunks.includes(name) && !seen.has(name)) {
          seen.add(name);
          walk(join(dir, 'chunks', name));
        }
      }
    };
    walk(join(dir, entry));
    const lazy = [...seen].filter((n) => !/^(fr)-/.test(n));
    const whole = lazy.reduce((acc, n) => {
      const s = sizeOf(join(dir, 'chunks', n));
      return { min: acc.min + s.min, gzip: acc.gzip + s.gzip, brotli: acc.brotli + s.brotli };
    }, initial);
    result[entry] = { initial, whole, chunks: [...seen] };
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(cdnSizes(), null, 2));
