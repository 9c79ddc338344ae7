/** include/uapi/asm-generic/errno-base.h and errno.h — the errnos the netns paths return. */

export const EPERM = 1;
export const ENOENT = 2;
export const EINTR = 4;
export const EIO = 5;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EBUSY = 16;
export const EEXIST = 17;
export const EINVAL = 22;
export const ENFILE = 23;
export const ENOSPC = 28;
export const EOPNOTSUPP = 95;

const NAMES: Readonly<Record<number, string>> = {
  [EPERM]: 'EPERM',
  [ENOENT]: 'ENOENT',
  [EINTR]: 'EINTR',
  [EIO]: 'EIO',
  [EAGAIN]: 'EAGAIN',
  [ENOMEM]: 'ENOMEM',
  [EBUSY]: 'EBUSY',
  [EEXIST]: 'EEXIST',
  [EINVAL]: 'EINVAL',
  [ENFILE]: 'ENFILE',
  [ENOSPC]: 'ENOSPC',
  [EOPNOTSUPP]: 'EOPNOTSUPP',
};

/** errname(): the symbolic name of a (positive or negative) errno, as in lib/errname.c. */
export function errname(err: number): string {
  return NAMES[Math.abs(err)] ?? `E${Math.abs(err)}`;
}

/** IS_ERR() for the ERR_PTR idiom: a kernel function returns either an object or -errno. */
export function IS_ERR<T>(p: T | number): p is number {
  return typeof p === 'number';
}
