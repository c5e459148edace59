import { describe, expect, it } from 'vitest';
import { parseXml, XmlSyntaxError } from './xml.js';

function errorOf(source: string): { message: string; line: number; col: number } {
  try {
    parseXml(source);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return { message: error.message, line: error.line, col: error.col };
    throw error;
  }
  throw new Error('parsed');
}

describe('parseXml', () => {
  it('reads elements, attributes, text and their lines, skipping the declaration, comments and a BOM', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?>\n<!-- c -->\n<Project Sdk="Microsoft.Build.Sql/1.0.0">\n  <ItemGroup>\n    <Build Include="a &amp; b.sql" />\n    <X><![CDATA[<raw>]]> &lt;t&#x41;</X>\n  </ItemGroup>\n</Project>\n');
    expect(root).toMatchObject({ name: 'Project', line: 3, col: 1, attributes: { Sdk: 'Microsoft.Build.Sql/1.0.0' } });
    const group = root.children[0];
    expect(group?.children.map((c) => [c.name, c.line, c.col])).toEqual([
      ['Build', 5, 5],
      ['X', 6, 5],
    ]);
    expect(group?.children[0]?.attributes.Include).toBe('a & b.sql');
    expect(group?.children[1]?.text).toBe('<raw> <tA');
  });

  it.each([
    ['<Project>\n  <ItemGroup>\n  </Project>', 3, 3, '</Project> closes <ItemGroup> (opened at line 2)'],
    ['<Project>\n  <Build Include=a.sql />\n</Project>', 2, 18, 'The value of Include is not quoted'],
    ['<Project>\n  <Build Include="a" Include="b" />\n</Project>', 2, 22, 'The attribute Include is given twice'],
    ['<Project>\n  <A>x & y</A>\n</Project>', 2, 6, 'is not an entity reference'],
    ['<Project>\n  <A>\n', 2, 3, '<A> is not closed'],
    ['<Project/>\n<Project/>', 2, 1, 'A second root element'],
    ['', 1, 1, 'no root element'],
    ['<Project>\n<!-- a -- b -->\n</Project>', 2, 16, 'contains "--"'],
  ])('%j is an error at its line and column', (source, line, col, message) => {
    const e = errorOf(source);
    expect(e.message).toContain(message);
    expect([e.line, e.col]).toEqual([line, col]);
  });
});
