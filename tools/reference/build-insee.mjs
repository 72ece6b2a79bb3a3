// Writes src/Maillage/Territories/Reference/insee-2026.tsv.gz from @etalab/decoupage-administratif.
// Format (UTF-8, LF, gzip), read by InseeReference.cs:
//   line 1: maillage-insee <TAB> 1 <TAB> <millésime> <TAB> <source package@version>
//   "#R" starts the régions      section: code, name, chef-lieu
//   "#D" starts the départements section: code, name, région code, chef-lieu
//   "#E" starts the EPCI         section: SIREN, nature (CC, CA, CU, METRO, MET69), name
//   "#C" starts the communes     section: INSEE code, name, département code, SIREN, EPCI SIREN,
//                                          population, postal codes joined by ","
// Fields are tab-separated; an empty field means "absent". A commune's région is its département's,
// and an EPCI's members and population come from the communes that name it, so neither is stored twice.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('@etalab/decoupage-administratif/package.json'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const load = (name) => JSON.parse(readFileSync(join(pkgDir, 'data', name), 'utf8'));

const MILLESIME = '2026';
if (pkg.version !== '6.0.0') {
  throw new Error(`expected @etalab/decoupage-administratif 6.0.0 (millésime ${MILLESIME}), found ${pkg.version}`);
}

// Collectivités d'outre-mer (zone "com": Saint-Pierre-et-Miquelon, Polynésie, Nouvelle-Calédonie...) are left out:
// they have no département or région in the INSEE sense, their communes have no SIREN and belong to no EPCI.
const inScope = (x) => x.zone === 'metro' || x.zone === 'drom';
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const regions = load('regions.json').filter(inScope).sort(byCode);
const departements = load('departements.json').filter(inScope).sort(byCode);
const epcis = load('epci.json').sort(byCode);
// Only current communes: communes déléguées/associées and the arrondissements municipaux of Paris, Lyon and
// Marseille are parts of a commune, not partners of their own.
const communes = load('communes.json')
  .filter((c) => c.type === 'commune-actuelle' && inScope(c))
  .sort(byCode);

const clean = (s) => {
  const v = s == null ? '' : String(s);
  if (/[\t\r\n]/.test(v)) throw new Error(`field contains a tab or a newline: ${JSON.stringify(v)}`);
  return v;
};
const row = (...fields) => fields.map(clean).join('\t');

const departementCodes = new Set(departements.map((d) => d.code));
const regionCodes = new Set(regions.map((r) => r.code));
const epciOf = new Map();
for (const e of epcis) {
  for (const m of e.membres) {
    if (epciOf.has(m.code)) throw new Error(`commune ${m.code} is in two EPCI: ${epciOf.get(m.code)} and ${e.code}`);
    epciOf.set(m.code, e.code);
  }
}
const communeCodes = new Set(communes.map((c) => c.code));
for (const [code, siren] of epciOf) {
  if (!communeCodes.has(code)) throw new Error(`EPCI ${siren} has a member ${code} that is not a current commune`);
}
for (const d of departements) {
  if (!regionCodes.has(d.region)) throw new Error(`département ${d.code} has unknown région ${d.region}`);
}

const lines = [row('maillage-insee', '1', MILLESIME, `${pkg.name}@${pkg.version}`)];
lines.push('#R');
for (const r of regions) lines.push(row(r.code, r.nom, r.chefLieu));
lines.push('#D');
for (const d of departements) lines.push(row(d.code, d.nom, d.region, d.chefLieu));
lines.push('#E');
for (const e of epcis) lines.push(row(e.code, e.type, e.nom));
lines.push('#C');
for (const c of communes) {
  if (!departementCodes.has(c.departement)) throw new Error(`commune ${c.code} has unknown département ${c.departement}`);
  lines.push(row(
    c.code,
    c.nom,
    c.departement,
    c.siren,
    epciOf.get(c.code),
    c.population ?? 0,
    (c.codesPostaux ?? []).join(','),
  ));
}

const text = lines.join('\n') + '\n';
// mtime 0 in the gzip header (Node writes 0) keeps the output byte-for-byte reproducible.
const gz = gzipSync(Buffer.from(text, 'utf8'), { level: constants.Z_BEST_COMPRESSION });
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'src', 'Maillage', 'Territories', 'Reference', `insee-${MILLESIME}.tsv.gz`);
writeFileSync(out, gz);
console.log(
  `${out}: ${regions.length} régions, ${departements.length} départements, ${epcis.length} EPCI, ` +
  `${communes.length} communes; ${text.length} chars, ${gz.length} bytes gzipped`,
);
