import { stripVTControlCharacters } from 'node:util';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { renderTable } from './terminal.ts';

describe('renderTable', () => {
  it('aligns columns by what the terminal shows: colour escapes take no room, wide characters two', () => {
    const colours = pc.createColors(true);
    const lines = renderTable(
      ['property', 'verdict'],
      [
        ['no-loss', colours.red('violated')],
        ['順序', 'passed'],
      ],
    );
    expect(lines.map(stripVTControlCharacters)).toEqual([
      'property  verdict',
      '--------  --------',
      'no-loss   violated',
      '順序      passed',
    ]);
  });
});
