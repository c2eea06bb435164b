import { describe, expect, it } from 'vitest';
import { parseArms } from '../../bench/arms.js';

describe('http-cpu --arms', () => {
  it('keeps each arm\'s environment variable, its value included', () => {
    expect(parseArms('headersoff=/tmp/scratch@KINDRED_ABLATE=headers,main=/work/main,odd=../x@V=a=b')).toEqual([
      { name: 'headersoff', checkout: '/tmp/scratch', env: { KINDRED_ABLATE: 'headers' } },
      { name: 'main', checkout: '/work/main', env: {} },
      { name: 'odd', checkout: '../x', env: { V: 'a=b' } },
    ]);
  });

  it('refuses an arm it cannot read rather than running it without its variable', () => {
    for (const spec of ['/work/main', 'a=', 'a=/x@VAR', 'a=/x@=v']) expect(() => parseArms(spec), spec).toThrow(/--arms/);
  });
});
