/**
 * net/core/dev.c names beyond the generator's name pool: dev_valid_name() byte by byte
 * (lib/ctype.c's isspace()), and __dev_alloc_name()'s "%d" patterns, including a full
 * bitmap (-ENFILE) and the sscanf/printf round trip.
 */
import { describe, expect, it } from 'vitest';
import { EEXIST, EINVAL, ENFILE } from '../../reference/include/errno.ts';
import { ethernet_probe } from '../../reference/drivers/net/ethernet.ts';
import {
  dev_prep_valid_name,
  dev_valid_name,
  netdev_name_in_use,
} from '../../reference/net/core/dev.ts';
import { list_add_tail, list_head } from '../../reference/include/list.ts';
import type { net_device } from '../../reference/include/linux/netdevice.ts';
import type { net } from '../../reference/include/net/net_namespace.ts';
import { bench } from './helpers.ts';

const pattern = (names: string[], pat: string): { err: number; out_name: string } => {
  const b = bench();
  const n1 = b.mustNet('n1');
  for (const name of names)
    expect(typeof ethernet_probe(b.k, n1, name), `probe ${name}`).not.toBe('number');
  return dev_prep_valid_name(n1, pat, EEXIST);
};

describe('dev_valid_name, byte by byte', () => {
  it('isspace() is exactly \\t \\n \\v \\f \\r, space and 0xA0; other control bytes are valid', () => {
    for (let c = 1; c < 0x80; c++) {
      const space = (c >= 9 && c <= 13) || c === 32;
      const valid = !space && c !== 0x2f && c !== 0x3a;
      expect(dev_valid_name(`a${String.fromCharCode(c)}b`), `byte ${c}`).toBe(valid);
    }
    expect(dev_valid_name('a\nb')).toBe(false);
    expect(dev_valid_name('a\x08b')).toBe(true);
    expect(dev_valid_name('a\x0eb')).toBe(true);
    expect(dev_valid_name('a\x1fb')).toBe(true);
    expect(dev_valid_name('\x7f')).toBe(true);
  });

  it('a NUL byte ends a C string: the name is invalid', () => {
    expect(dev_valid_name('a\0b')).toBe(false);
    expect(dev_valid_name('\0')).toBe(false);
  });

  it('only 0xA0 of the Latin-1 range is white space: U+00A0 (C2 A0) and U+2020 (E2 80 A0)', () => {
    expect(dev_valid_name('\u00a0')).toBe(false);
    expect(dev_valid_name('a†')).toBe(false);
    expect(dev_valid_name('\u0085')).toBe(true); // C2 85: NEL is not isspace() in lib/ctype.c
    expect(dev_valid_name('ÿ')).toBe(true); // C3 BF
  });

  it('. and .. only as the whole name; / and : anywhere', () => {
    for (const ok of ['.a', 'a.', '..a', '.-', 'a..']) expect(dev_valid_name(ok), ok).toBe(true);
    for (const bad of ['/', ':', 'a/', '/a', 'a:', ':a', '.', '..'])
      expect(dev_valid_name(bad), bad).toBe(false);
  });
});

describe('__dev_alloc_name', () => {
  it('accepts exactly one %d and no other %', () => {
    expect(pattern([], '%d')).toEqual({ err: 0, out_name: '0' });
    expect(pattern([], 'a%d')).toEqual({ err: 0, out_name: 'a0' });
    for (const bad of ['a%', 'a%s', '%%d', 'a%d%', 'a%d%d', '%x%d'])
      expect(pattern([], bad).err, bad).toBe(-EINVAL);
  });

  it('multi-digit units are parsed whole', () => {
    const ten = Array.from({ length: 11 }, (_, i) => `dev${i}`);
    expect(pattern(ten, 'dev%d')).toEqual({ err: 11, out_name: 'dev11' });
    expect(pattern(['dev10', 'dev11'], 'dev%d')).toEqual({ err: 0, out_name: 'dev0' });
    expect(pattern(['dev0', 'dev1', 'dev12'], 'dev%d')).toEqual({ err: 2, out_name: 'dev2' });
  });

  it('names that do not round-trip through printf do not use their unit', () => {
    // sscanf reads -1, +1, 01 and 1 with a suffix; printf never produces them
    const odd = ['dev-1', 'dev+0', 'dev00', 'dev0x', 'xdev0', 'de0'];
    expect(pattern(odd, 'dev%d')).toEqual({ err: 0, out_name: 'dev0' });
    // a suffix after %d must match too: a0b is a0b's unit 0, a1 is not a%db's
    expect(pattern(['a0b', 'a1', 'a2c'], 'a%db')).toEqual({ err: 1, out_name: 'a1b' });
  });

  it('units from 32768 on (8 * PAGE_SIZE) are ignored; a full bitmap is -ENFILE', () => {
    // __dev_alloc_name() only reads names off the device list: list stand-ins, not devices
    const b = bench();
    const n1 = b.mustNet('n1');
    const listed = (n: net, name: string): void => {
      const d = { name } as net_device;
      list_add_tail(new list_head(d), n.dev_base_head);
    };
    for (let i = 0; i < 8 * 4096; i++) listed(n1, `e${i}`);
    expect(dev_prep_valid_name(n1, 'e%d', EEXIST)).toEqual({ err: -ENFILE, out_name: '' });
    const n2 = b.mustNet('n2');
    for (const name of ['f32768', 'f99999', 'f0']) listed(n2, name);
    expect(dev_prep_valid_name(n2, 'f%d', EEXIST)).toEqual({ err: 1, out_name: 'f1' });
  });

  it('a literal name is checked against the name hash with the caller errno', () => {
    expect(pattern(['x'], 'x')).toEqual({ err: -EEXIST, out_name: '' });
    expect(pattern(['x'], 'y')).toEqual({ err: 0, out_name: 'y' });
    expect(pattern([], 'a b')).toEqual({ err: -EINVAL, out_name: '' });
  });
});

describe('netdev_name_in_use', () => {
  it('a net without a name hash (bare boot: no netdev_init) has no names in use', () => {
    const b = bench({ boot: 'bare' });
    expect(b.k.init_net.dev_name_head).toBeNull();
    expect(netdev_name_in_use(b.k.init_net, 'lo')).toBe(false);
    const full = bench();
    expect(netdev_name_in_use(full.k.init_net, 'lo')).toBe(true);
    expect(netdev_name_in_use(full.k.init_net, 'lo0')).toBe(false);
  });
});
