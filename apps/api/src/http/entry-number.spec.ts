import { storedEntryNumber } from './entry-number';

describe(storedEntryNumber.name, () => {
  it('reads an entry number written without dashes or in lower case as stored, XXX-NNNNNNN-C in upper case', () => {
    expect(['EX100000017', 'ex1-0000001-7', 'Ex1-00000017', 'EX1-0000001-7'].map(storedEntryNumber)).toEqual(Array(4).fill('EX1-0000001-7'));
  });

  it('passes on what is not an entry number as it came, to be found nowhere', () => {
    expect(['NO-SUCH-ENTRY', 'EX1-0000001-8', 'ex1'].map(storedEntryNumber)).toEqual(['NO-SUCH-ENTRY', 'EX1-0000001-8', 'ex1']);
  });
});
