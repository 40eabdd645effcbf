// Fetches one file of a pinned npm package for the build: `npm pack NAME@VERSION` into a cache
// directory (once; npm's own cache serves repeats offline), checks the tarball against the pinned
// sha512 integrity, and copies FILE out of it to OUT. Any failure stops the build with the reason:
// the chart page must never be built without the library it inlines.
//
// Usage: node fetch-npm-file.mjs NAME VERSION INTEGRITY FILE OUT CACHE_DIR
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';

const [name, version, integrity, file, out, cacheDir] = process.argv.slice(2);
if (!cacheDir) {
  console.error('usage: fetch-npm-file.mjs NAME VERSION INTEGRITY FILE OUT CACHE_DIR');
  process.exit(2);
}
const fail = (message) => {
  console.error(`fetch-npm-file: ${name}@${version}: ${message}`);
  process.exit(1);
};
const tarball = join(cacheDir, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
const sha512 = (path) => 'sha512-' + createHash('sha512').update(readFileSync(path)).digest('base64');

if (!existsSync(tarball) || sha512(tarball) !== integrity) {
  mkdirSync(cacheDir, { recursive: true });
  try {
    execFileSync(
      'npm',
      ['pack', `${name}@${version}`, '--pack-destination', cacheDir, '--prefer-offline', '--silent'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  } catch (e) {
    fail(`npm pack failed (${e.message.split('\n')[0]}): the npm registry must be reachable`);
  }
  if (!existsSync(tarball)) {
    fail(`npm pack wrote no ${tarball}`);
  }
}
const actual = sha512(tarball);
if (actual !== integrity) {
  fail(`integrity ${actual} is not the pinned ${integrity}`);
}
const scratch = mkdtempSync(join(tmpdir(), 'fetch-npm-file-'));
try {
  execFileSync('tar', ['-xzf', tarball, '-C', scratch, `package/${file}`], { stdio: 'inherit' });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, readFileSync(join(scratch, 'package', file)));
} catch (e) {
  fail(`cannot extract ${file}: ${e.message.split('\n')[0]}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`fetch-npm-file: ${name}@${version} ${file} -> ${out}`);
