import { describe, expect, it } from 'vitest';
import { bind, codes } from './test-support.js';

describe('control of flow: 132 / 133 / 135 / 136 / 178 / 140', () => {
  it('132 for a label declared twice, 133 for a GOTO to no label', () => {
    expect(bind('here:\nPRINT 1\nhere:\nPRINT 2')).toMatchObject([{ code: 132, message: "The label 'here' has already been declared. Label names must be unique within a query batch or stored procedure." }]);
    expect(bind('GOTO nowhere')).toMatchObject([{ code: 133, message: "A GOTO statement references the label 'nowhere' but the label has not been declared." }]);
    expect(codes('CREATE PROCEDURE dbo.p AS\nBEGIN\n  IF 1 = 1 GOTO done\n  PRINT 1\nEND')).toEqual([133]);
  });
  it('labels: forward and backward GOTO, one label per module', () => {
    expect(codes('GOTO done\nPRINT 1\ndone:\nPRINT 2')).toEqual([]);
    expect(codes('again:\nPRINT 1\nIF 1 = 0 GOTO again')).toEqual([]);
    expect(codes('CREATE PROCEDURE dbo.p AS\nBEGIN\n  IF 1 = 1 BEGIN GOTO Done END\n  Done:\n  RETURN 0\nEND')).toEqual([]);
    expect(codes('x:\nPRINT 1\nGO\nx:\nPRINT 2')).toEqual([]);
  });
  it('135 / 136 for BREAK / CONTINUE outside WHILE', () => {
    expect(bind('IF 1 = 1 BREAK')).toMatchObject([{ code: 135, message: 'Cannot use a BREAK statement outside the scope of a WHILE statement.' }]);
    expect(bind('CONTINUE')).toMatchObject([{ code: 136, message: 'Cannot use a CONTINUE statement outside the scope of a WHILE statement.' }]);
    expect(codes('WHILE 1 = 1 BEGIN IF 1 = 1 BREAK; IF 1 = 0 CONTINUE; BEGIN TRY PRINT 1 END TRY BEGIN CATCH BREAK END CATCH END')).toEqual([]);
  });
  it('178 for RETURN with a value outside a procedure or scalar function', () => {
    expect(bind('RETURN 5')).toMatchObject([{ code: 178, message: 'A RETURN statement with a return value cannot be used in this context.' }]);
    expect(codes('CREATE TRIGGER dbo.tr ON dbo.T AFTER INSERT AS RETURN 1')).toEqual([178]);
    expect(codes('CREATE FUNCTION dbo.f () RETURNS @t TABLE (a int) AS BEGIN RETURN 1 END')).toEqual([178]);
    expect(codes('RETURN')).toEqual([]);
    expect(codes('CREATE PROCEDURE dbo.p AS RETURN 1')).toEqual([]);
    expect(codes('CREATE FUNCTION dbo.f () RETURNS int AS BEGIN RETURN 1 END')).toEqual([]);
    expect(codes('CREATE FUNCTION dbo.f () RETURNS @t TABLE (a int) AS BEGIN RETURN END')).toEqual([]);
  });
  it('140 for IF UPDATE() outside a trigger', () => {
    expect(bind("IF UPDATE(Name) PRINT 'changed'")).toMatchObject([{ code: 140, message: 'Can only use IF UPDATE within a CREATE TRIGGER statement.' }]);
    expect(codes('CREATE TRIGGER dbo.tr ON dbo.T AFTER UPDATE AS IF UPDATE(a) OR NOT UPDATE(b) PRINT 1')).toEqual([]);
  });
});
