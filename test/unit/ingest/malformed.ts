import { GOOD } from './helpers';

/**
 * Malformed files derived from good ones, each broken in one way that must make the whole import
 * fail: truncated rows, wrong types, bad dates, stray quotes, a wrong delimiter, empty files,
 * header only, binary garbage and more. Deterministic for a seed. The store they are imported
 * into holds GOOD.items and GOOD.uom.
 */
export interface Variant {
  /** a file name: its number and the mutation */
  name: string;
  mutation: string;
  bytes: Buffer;
}

class Lcg {
  constructor(private s: number) {}
  next(): number {
    this.s = (Math.imul(this.s, 1664525) + 1013904223) >>> 0;
    return this.s / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
}

/** A longer good sales file over GOOD's items and units. */
export function goodSales(rows = 40): string {
  const units = { 'A-1': ['EA', 'CASE', 'PALLET', 'DZ', ''], 'B-2': ['EA', 'DZ', ''], 'C-3': ['KG', 'BAG', ''] } as const;
  let out = 'item_id,date,quantity,uom\n';
  for (let i = 0; i < rows; i++) {
    const item = (['A-1', 'B-2', 'C-3'] as const)[i % 3]!;
    const unit = units[item][i % units[item].length]!;
    out += `${item},2026-09-${String(1 + (i % 28)).padStart(2, '0')},${1 + ((i * 7) % 13)},${unit}\n`;
  }
  return out;
}

const lines = (text: string) => text.replace(/\n$/, '').split('\n');
const join = (ls: string[]) => `${ls.join('\n')}\n`;

/** Replaces field `f` of a random data row. */
function setField(text: string, rng: Lcg, f: number, value: string): string {
  const ls = lines(text);
  const i = rng.int(1, ls.length - 1);
  const fields = ls[i]!.split(',');
  fields[f] = value;
  ls[i] = fields.join(',');
  return join(ls);
}

function garbage(rng: Lcg, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  b[rng.int(0, n - 1)] = 0xff; // never valid UTF-8, whatever else came out
  return b;
}

type Mutation = (rng: Lcg) => string | Buffer;

const sales = goodSales();
const header = lines(sales)[0]!;

const MUTATIONS: Record<string, Mutation> = {
  'truncated row': (rng) => {
    const ls = lines(sales);
    const i = rng.int(1, ls.length - 1);
    ls[i] = ls[i]!.slice(0, rng.int(1, ls[i]!.lastIndexOf(',')));
    return join(ls);
  },
  'wrong type': (rng) => setField(sales, rng, 2, rng.pick(['abc', '1O', '12..5', '--3', 'NaN', 'Infinity', '0x1A', '1e', 'five', '1 2', '$5'])),
  'bad date': (rng) =>
    setField(sales, rng, 1, rng.pick(['2026-02-30', '2026-13-01', '31/10/2026', '10/31/2026', '2026-1-5', '20261001', '2026-10-32', 'yesterday', '', '1800-01-01'])),
  'stray quote': (rng) => {
    const ls = lines(sales);
    const i = rng.int(1, ls.length - 1);
    const fields = ls[i]!.split(',');
    const f = rng.int(0, fields.length - 1);
    fields[f] = rng.next() < 0.5 ? `"${fields[f]}` : `"${fields[f]}"x`;
    ls[i] = fields.join(',');
    return join(ls);
  },
  'wrong delimiter': (rng) => {
    const ls = lines(sales);
    const from = rng.int(1, ls.length - 1);
    for (let i = from; i < ls.length; i += rng.int(1, 4)) ls[i] = ls[i]!.replaceAll(',', rng.pick([';', '\t', '|']));
    return join(ls);
  },
  'empty file': (rng) => rng.pick(['', '\n', '\n\n  \n', '\r\n', '\ufeff']),
  'header only': (rng) => rng.pick([`${header}\n`, header, `${header}\r\n`, `\ufeff${header}\n\n`, `${header}\n,,,\n`]),
  'binary garbage': (rng) => garbage(rng, rng.int(1, 4000)),
  'garbage zip': (rng) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), garbage(rng, rng.int(0, 3000))]),
  'garbage appended': (rng) => Buffer.concat([Buffer.from(sales), garbage(rng, rng.int(1, 200))]),
  'negative quantity': (rng) => setField(sales, rng, 2, `-${rng.int(1, 99)}`),
  'unknown item': (rng) => setField(sales, rng, 0, `ZZ-${rng.int(100, 999)}`),
  'unit without factor': (rng) => setField(sales, rng, 3, rng.pick(['BOX', 'PK', 'CTN', 'LB', 'SACK'])),
  'blank item': (rng) => setField(sales, rng, 0, rng.pick(['', ' '])),
  'missing column': (rng) => {
    const drop = rng.int(0, 2);
    return join(lines(sales).map((l) => l.split(',').filter((_, f) => f !== drop).join(',')));
  },
  'extra value': (rng) => {
    const ls = lines(sales);
    const i = rng.int(1, ls.length - 1);
    ls[i] += `,${rng.pick(['x', '1', 'EA', 'note'])}`;
    return join(ls);
  },
  'NUL byte': (rng) => {
    const at = rng.int(0, sales.length - 1);
    return `${sales.slice(0, at)}\u0000${sales.slice(at)}`;
  },
  'invalid UTF-8': (rng) => {
    const b = Buffer.from(sales);
    const at = rng.int(0, b.length - 1);
    return Buffer.concat([b.subarray(0, at), Buffer.from(rng.pick([[0xc3, 0x28], [0xff], [0xe2, 0x82], [0x80]])), b.subarray(at)]);
  },
  'UTF-16': (rng) => Buffer.from(`${rng.next() < 0.5 ? '\ufeff' : ''}${sales}`, 'utf16le'),
  'unknown header': (rng) =>
    join([rng.pick(['a,b,c,d', 'product;when;how many;unit', 'id,name', 'sku,datum,menge,einheit']), ...lines(sales).slice(1)]),
  'negative on-hand': (rng) => {
    const ls = lines(GOOD.inventory);
    const i = rng.int(1, ls.length - 1);
    const f = ls[i]!.split(',');
    f[1] = `-${rng.int(1, 500)}`;
    ls[i] = f.join(',');
    return join(ls);
  },
  'duplicate position': (rng) => {
    const ls = lines(GOOD.inventory);
    return join([...ls, ls[rng.int(1, ls.length - 1)]!]);
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** `count` variants, cycling through the mutations. */
export function malformedVariants(count = 200, seed = 2026): Variant[] {
  const rng = new Lcg(seed);
  const variants: Variant[] = [];
  for (let i = 0; i < count; i++) {
    const name = MUTATION_NAMES[i % MUTATION_NAMES.length]!;
    const out = MUTATIONS[name]!(rng);
    variants.push({
      name: `${String(i).padStart(3, '0')}-${name.replaceAll(' ', '-')}.csv`,
      mutation: name,
      bytes: Buffer.isBuffer(out) ? out : Buffer.from(out),
    });
  }
  return variants;
}
