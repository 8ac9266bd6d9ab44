import { copperSplitLines, metalContentValue, usmcaSteelDerivativeLines } from './s232-duty-lines';

describe(usmcaSteelDerivativeLines.name, () => {
  it('splits a $100,000 USMCA steel derivative with 70% U.S. content into 9903.82.21 at 0% on $40,000 (the 40% cap) and 9903.82.20 at 25% on $60,000: $15,000', () => {
    expect(usmcaSteelDerivativeLines('100000.00', '70000.00')).toEqual([
      { heading: '9903.82.21', rate: '0', basisValue: '40000.00', amount: '0.00' },
      { heading: '9903.82.20', rate: '25', basisValue: '60000.00', amount: '15000.00' },
    ]);
  });

  it('charges 25% on the whole $100,000 when the value is one undifferentiated line: $25,000', () => {
    expect(usmcaSteelDerivativeLines('100000.00', null)).toEqual([
      { heading: '9903.82.20', rate: '25', basisValue: '100000.00', amount: '25000.00' },
    ]);
  });

  it('credits U.S. content below the cap in full', () => {
    expect(usmcaSteelDerivativeLines('100000.00', '30000.00')[1].amount).toBe('17500.00');
  });
});

describe(copperSplitLines.name, () => {
  it('splits a copper article into 9903.78.01 at 50% on the copper value and 9903.78.02 at 0% on the rest', () => {
    expect(copperSplitLines('10000.00', '6000.00')).toEqual([
      { heading: '9903.78.01', rate: '50', basisValue: '6000.00', amount: '3000.00' },
      { heading: '9903.78.02', rate: '0', basisValue: '4000.00', amount: '0.00' },
    ]);
  });
});

describe(metalContentValue.name, () => {
  it('excludes a separate motor from a mixed steel article\'s content value but not its galvanising', () => {
    const value = metalContentValue('50000.00', [
      { description: 'electric motor', cost: '12000.00', kind: 'separate_non_metal_part' },
      { description: 'hot-dip galvanising', cost: '3000.00', kind: 'processing' },
    ]);
    expect(value).toBe('38000.00');
  });
});
