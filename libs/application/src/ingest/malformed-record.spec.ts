import { wholeFieldsBeforeProblem } from './malformed-record';

describe('the whole fields a malformed CSV record begins with', () => {
  it('takes every field ended by a comma before the field with a stray quote', () => {
    expect(wholeFieldsBeforeProblem('EX1-0000001-7,01,12-3456789AB,imported "')).toEqual(['EX1-0000001-7', '01', '12-3456789AB']);
  });

  it('reads quoted fields by RFC 4180, a doubled quote being one quote, and keeps their commas', () => {
    expect(wholeFieldsBeforeProblem('"A,1","say ""hi""",x,"broken"y')).toEqual(['A,1', 'say "hi"', 'x']);
  });

  it('does not take the last field when no comma ends it (the reader stopped inside it)', () => {
    expect(wholeFieldsBeforeProblem('A,B,C')).toEqual(['A', 'B']);
    expect(wholeFieldsBeforeProblem('A,"open, never closed')).toEqual(['A']);
  });

  it('stops at a line break outside quotes and skips a byte order mark', () => {
    expect(wholeFieldsBeforeProblem('\uFEFFA,B\nC,D,')).toEqual(['A']);
  });

  it('takes nothing from a record whose first field is already malformed', () => {
    expect(wholeFieldsBeforeProblem('x"y,A,B,')).toEqual([]);
    expect(wholeFieldsBeforeProblem('')).toEqual([]);
  });
});
