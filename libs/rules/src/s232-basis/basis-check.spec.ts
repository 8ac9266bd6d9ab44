import { BASIS_FINDING_CODES, checkS232Basis, needsWorksheetAnswer, S232Bucket, S232LineFacts } from './basis-check';

function line(change: Partial<S232LineFacts> = {}, buckets: Array<Partial<S232Bucket>> = [{}]): S232LineFacts {
  return {
    entryNumber: 'EX3-0000001-5', lineNumber: 1, entryDate: '2026-05-10', hts: '7208510030', enteredValue: '200000.00',
    countryOfOrigin: 'DE', spi: null, meltPourCountry: 'DE', smeltPrimaryCountry: null, smeltSecondaryCountry: null, castCountry: null, hasContentValueWorksheet: false,
    ...change,
    buckets: buckets.map((b) => ({ heading: '99038202', metal: 'steel', rate: '50', basis: 'full_value', basisValue: '200000.00', amount: '100000.00', ...b })),
  };
}
const codes = (facts: S232LineFacts) => checkS232Basis(facts).map((f) => f.code);
const ALUMINUM = { hts: '7604291090', meltPourCountry: null, smeltPrimaryCountry: 'CA', smeltSecondaryCountry: 'N', castCountry: 'CA' };
/** A product of Mexico claiming USMCA (SPI `S`): a steel derivative that may use Proclamation 11032's split. */
const USMCA_STEEL = { countryOfOrigin: 'MX', spi: 'S', meltPourCountry: 'MX' };

describe(checkS232Basis.name, () => {
  it('finds nothing in a full-value bucket whose amount is rate × basis (ex3)', () => {
    expect(checkS232Basis(line())).toEqual([]);
  });

  it('S232_AMOUNT_MISMATCH: the amount differs from rate × basis value by more than a cent', () => {
    const [finding] = checkS232Basis(line({}, [{ amount: '99999.98' }]));
    expect(finding).toEqual({
      code: 'S232_AMOUNT_MISMATCH', entryNumber: 'EX3-0000001-5', lineNumber: 1, expected: '100000.00', declared: '99999.98',
      message: '9903.82.02: 50% of 200000.00 is 100000.00, not 99999.98',
    });
    expect(codes(line({}, [{ amount: '99999.99' }]))).toEqual([]);
  });

  it('S232_AMOUNT_MISMATCH: a full-value basis declared without its value was applied to the entered value', () => {
    const [finding] = checkS232Basis(line({ enteredValue: '10000.00' }, [{ basisValue: null, amount: '1.00' }]));
    expect(finding).toEqual({
      code: 'S232_AMOUNT_MISMATCH', entryNumber: 'EX3-0000001-5', lineNumber: 1, expected: '5000.00', declared: '1.00',
      message: '9903.82.02: 50% of the entered value 10000.00 is 5000.00, not 1.00',
    });
    expect(codes(line({ enteredValue: '10000.00' }, [{ basisValue: null, amount: '5000.00' }]))).toEqual([]);
    // No basis said, or a split's heading (which carries a part of the value): nothing to recompute.
    expect(codes(line({ enteredValue: '10000.00' }, [{ basis: null, basisValue: null, amount: '1.00' }]))).toEqual([]);
    expect(codes(line({ ...USMCA_STEEL, enteredValue: '10000.00', entryDate: '2026-07-01', hts: '7308909590' },
      [{ heading: '99038220', rate: '25', basisValue: null, amount: '1750.00' }]))).toEqual([]);
  });

  it('S232_BASIS_EXCEEDS_VALUE: the basis is more than the entered value', () => {
    expect(codes(line({}, [{ basisValue: '210000.00', amount: '105000.00' }]))).toEqual(['S232_BASIS_EXCEEDS_VALUE']);
  });

  it('S232_FULL_VALUE_REQUIRED: Chapter 72 steel in the content-value regime, and any article under Proclamation 11021', () => {
    const regimeA = line({ entryDate: '2026-03-20', hasContentValueWorksheet: true }, [{ basis: 'content_value', basisValue: '150000.00', amount: '75000.00' }]);
    expect(codes(regimeA)).toEqual(['S232_FULL_VALUE_REQUIRED']);
    const derivativeA = { ...regimeA, hts: '7326908688' };
    expect(codes(derivativeA)).toEqual([]);
    expect(codes({ ...derivativeA, entryDate: '2026-04-06' })).toEqual(['S232_FULL_VALUE_REQUIRED']);
  });

  it('S232_FULL_VALUE_REQUIRED: a basis called full value that is less than the entered value, where the full value is due', () => {
    const partial = { basisValue: '80000.00', amount: '40000.00' };
    const [finding] = checkS232Basis(line({}, [partial]));
    expect(finding).toEqual({
      code: 'S232_FULL_VALUE_REQUIRED', entryNumber: 'EX3-0000001-5', lineNumber: 1, expected: '200000.00', declared: '80000.00',
      message: '9903.82.02: basis 80000.00 is less than the entered value 200000.00, but Proclamation 11021 charges the full customs value',
    });
    expect(codes(line({ entryDate: '2026-03-20' }, [partial]))).toEqual(['S232_FULL_VALUE_REQUIRED']);
    // A mixed derivative in regime A pays on its metal content (with its worksheet); a specific duty has no value basis.
    expect(codes(line({ entryDate: '2026-03-20', hts: '7326908688', hasContentValueWorksheet: true }, [partial]))).toEqual([]);
    expect(codes(line({}, [{ ...partial, basis: 'specific' }]))).toEqual([]);
    expect(codes(line({}, [{ ...partial, basis: null }]))).toEqual(['S232_FULL_VALUE_REQUIRED']);
  });

  it('S232_CONTENT_VALUE_UNSUPPORTED: a content-value basis with no worksheet in the evidence (ex1)', () => {
    const ex1 = line({ entryDate: '2026-03-20', hts: '7326908688', enteredValue: '30000.00', meltPourCountry: 'CN' },
      [{ heading: '99038191', basis: 'content_value', basisValue: '18000.00', amount: '9000.00' }]);
    expect(checkS232Basis(ex1).map((f) => [f.code, f.declared])).toEqual([['S232_CONTENT_VALUE_UNSUPPORTED', '18000.00']]);
  });

  it('USMCA_CREDIT_OVER_CAP: the 9903.82.21 U.S.-content credit is above 40% of the entered value', () => {
    const facts = line({ ...USMCA_STEEL, enteredValue: '100000.00', entryDate: '2026-07-01', hts: '7308909590' }, [
      { heading: '99038221', rate: '0', basisValue: '50000.00', amount: '0.00' },
      { heading: '99038220', rate: '25', basisValue: '50000.00', amount: '12500.00' },
    ]);
    expect(checkS232Basis(facts).map((f) => [f.code, f.expected, f.declared])).toEqual([['USMCA_CREDIT_OVER_CAP', '40000.00', '50000.00']]);
  });

  it('USMCA_SPLIT_INCOMPLETE: the 9903.82.20 and .21 bases do not add up to the entered value; the $15,000 split and the $25,000 single line do', () => {
    const split = (credit: string, rest: string, duty: string) => line({ ...USMCA_STEEL, enteredValue: '100000.00', entryDate: '2026-07-01', hts: '7308909590' }, [
      { heading: '99038221', rate: '0', basisValue: credit, amount: '0.00' },
      { heading: '99038220', rate: '25', basisValue: rest, amount: duty },
    ]);
    expect(codes(split('40000.00', '60000.00', '15000.00'))).toEqual([]);
    expect(codes(split('40000.00', '50000.00', '12500.00'))).toEqual(['USMCA_SPLIT_INCOMPLETE']);
    const single = line({ ...USMCA_STEEL, enteredValue: '100000.00', entryDate: '2026-07-01', hts: '7308909590' }, [{ heading: '99038220', rate: '25', basisValue: '100000.00', amount: '25000.00' }]);
    expect(codes(single)).toEqual([]);
  });

  it('S232_FULL_VALUE_REQUIRED: a 9903.82.21/.20 USMCA split entered before 2026-06-08, when Proclamation 11032 had not made it (rules §3.3)', () => {
    const split = (entryDate: string, hts = '7308909590') => line({ ...USMCA_STEEL, enteredValue: '100000.00', entryDate, hts, hasContentValueWorksheet: true }, [
      { heading: '99038221', rate: '0', basisValue: '40000.00', amount: '0.00' },
      { heading: '99038220', rate: '25', basisValue: '60000.00', amount: '15000.00' },
    ]);
    expect(codes(split('2026-06-08'))).toEqual([]);
    // Regime B before 11032: Proclamation 11021 charges the full customs value on each bucket.
    expect(codes(split('2026-06-07'))).toEqual(['S232_FULL_VALUE_REQUIRED', 'S232_FULL_VALUE_REQUIRED']);
    // Regime A: Chapter 72 steel pays on the full entered value; a Chapter 73 derivative may pay on its content.
    expect(codes(split('2026-03-20', '7208510030'))).toEqual(['S232_FULL_VALUE_REQUIRED', 'S232_FULL_VALUE_REQUIRED']);
    expect(codes(split('2026-03-20'))).toEqual([]);
  });

  it('S232_FULL_VALUE_REQUIRED: the USMCA split is for a steel derivative of CA or MX claiming USMCA (SPI S), not any article (rules §3.3)', () => {
    const split = (change: Partial<S232LineFacts>, metal: S232Bucket['metal'] = 'steel') =>
      line({ ...USMCA_STEEL, enteredValue: '10000.00', entryDate: '2026-07-01', hts: '7308909590', ...change }, [
        { heading: '99038221', metal, rate: '0', basisValue: '3000.00', amount: '0.00' },
        { heading: '99038220', metal, rate: '25', basisValue: '7000.00', amount: '1750.00' },
      ]);
    const fullValueRequired = ['S232_FULL_VALUE_REQUIRED', 'S232_FULL_VALUE_REQUIRED'];
    expect(codes(split({}))).toEqual([]);
    expect(codes(split({ countryOfOrigin: 'CA', spi: 'S+' }))).toEqual([]);
    expect(codes(split({ countryOfOrigin: 'DE', meltPourCountry: 'DE' }))).toEqual(fullValueRequired);
    expect(codes(split({ spi: null }))).toEqual(fullValueRequired);
    // Aluminum and copper derivatives (9903.82.18/.19) do not use this mechanism, nor Chapter 72 steel (no derivative).
    expect(codes(split({ ...ALUMINUM, countryOfOrigin: 'MX', spi: 'S' }, 'aluminum'))).toEqual(fullValueRequired);
    expect(codes(split({ hts: '7208510030' }))).toEqual(fullValueRequired);
  });

  it('USMCA_SPLIT_INCOMPLETE and COPPER_SPLIT_INCOMPLETE: not said of bases that were not declared (a lone 9903.82.20 is the undifferentiated form)', () => {
    const lone = line({ ...USMCA_STEEL, enteredValue: '10000.00', entryDate: '2026-07-01', hts: '7308909590' },
      [{ heading: '99038220', rate: '25', basis: null, basisValue: null, amount: '2500.00' }]);
    expect(codes(lone)).toEqual([]);
    const copper = line({ hts: '7411101000', enteredValue: '10000.00', entryDate: '2025-09-01', meltPourCountry: null }, [
      { heading: '99037801', metal: 'copper', rate: '50', basis: null, basisValue: null, amount: '3000.00' }]);
    expect(codes(copper)).toEqual([]);
  });

  it('S232_CONTENT_VALUE_UNSUPPORTED: a basis below the entered value where the metal content is the basis (regime A, not Chapter 72), whatever it is called', () => {
    const mixed = (change: Partial<S232LineFacts>) => line({ entryDate: '2026-03-01', hts: '7308909590', enteredValue: '10000.00', ...change },
      [{ heading: '99038191', basis: 'full_value', basisValue: '6000.00', amount: '3000.00' }]);
    expect(checkS232Basis(mixed({})).map((f) => [f.code, f.declared, f.message])).toEqual([['S232_CONTENT_VALUE_UNSUPPORTED', '6000.00',
      '9903.81.91: basis 6000.00 (less than the entered value 10000.00) with no content_value_worksheet in the evidence']]);
    expect(codes(mixed({ hasContentValueWorksheet: true }))).toEqual([]);
    // Where the full value is due, that is the finding.
    expect(codes(mixed({ hts: '7208510030' }))).toEqual(['S232_FULL_VALUE_REQUIRED']);
  });

  it('a line needs a content_value_worksheet for a basis declared as content value, or a part of the value where the metal content is the basis', () => {
    const regimeA = { entryDate: '2026-03-01', hts: '7308909590', enteredValue: '10000.00' };
    expect(needsWorksheetAnswer(line(regimeA, [{ basis: 'full_value', basisValue: '6000.00', amount: '3000.00' }]))).toBe(true);
    expect(needsWorksheetAnswer(line(regimeA, [{ basis: 'content_value', basisValue: '6000.00', amount: '3000.00' }]))).toBe(true);
    expect(needsWorksheetAnswer(line(regimeA, [{ basis: 'full_value', basisValue: '10000.00', amount: '5000.00' }]))).toBe(false);
    // Where the full value is due (Chapter 72 in regime A, regime B), a part of it is wrong, not unsupported.
    expect(needsWorksheetAnswer(line({ ...regimeA, hts: '7208510030' }, [{ basis: 'full_value', basisValue: '6000.00', amount: '3000.00' }]))).toBe(false);
    expect(needsWorksheetAnswer(line({ ...regimeA, entryDate: '2026-05-01' }, [{ basis: 'full_value', basisValue: '6000.00', amount: '3000.00' }]))).toBe(false);
  });

  it('COPPER_SPLIT_INCOMPLETE: the 9903.78.01 and .02 bases do not add up to the entered value', () => {
    const copper = (rest: string) => line({ hts: '7411101000', enteredValue: '10000.00', entryDate: '2025-09-01', meltPourCountry: null }, [
      { heading: '99037801', metal: 'copper', rate: '50', basis: 'full_value', basisValue: '6000.00', amount: '3000.00' },
      { heading: '99037802', metal: 'copper', rate: '0', basis: 'full_value', basisValue: rest, amount: '0.00' },
    ]);
    expect(codes(copper('4000.00'))).toEqual([]);
    expect(codes(copper('3000.00'))).toEqual(['COPPER_SPLIT_INCOMPLETE']);
  });

  it('S232_FULL_VALUE_REQUIRED: the copper content split is a regime A basis; from 2026-04-06 copper pays on full value', () => {
    const copper = (entryDate: string) => line({ hts: '7411101000', enteredValue: '1000.00', entryDate, meltPourCountry: null, hasContentValueWorksheet: true }, [
      { heading: '99037801', metal: 'copper', rate: '50', basis: 'content_value', basisValue: '600.00', amount: '300.00' },
      { heading: '99037802', metal: 'copper', rate: '0', basis: 'content_value', basisValue: '400.00', amount: '0.00' },
    ]);
    expect(codes(copper('2026-04-05'))).toEqual([]);
    expect(codes(copper('2026-05-01'))).toEqual(['S232_FULL_VALUE_REQUIRED', 'S232_FULL_VALUE_REQUIRED']);
  });

  it('RUSSIA_ALUMINUM_200_REQUIRED: smelted or cast in Russia, or of unknown smelt country from 2025-06-28, without the 200% heading', () => {
    const aluminum = (change: Partial<S232LineFacts>, heading = '99038502') =>
      line({ ...ALUMINUM, ...change }, [{ heading, metal: 'aluminum' }]);
    expect(codes(aluminum({ smeltPrimaryCountry: 'RU' }))).toEqual(['RUSSIA_ALUMINUM_200_REQUIRED']);
    expect(codes(aluminum({ castCountry: 'UN', entryDate: '2025-06-28' }))).toEqual(['RUSSIA_ALUMINUM_200_REQUIRED']);
    expect(codes(aluminum({ castCountry: 'UN', entryDate: '2025-06-27' }))).toEqual([]);
    expect(codes(aluminum({ smeltPrimaryCountry: 'RU' }, '99038567'))).toEqual([]);
  });

  it('S232_STACKED: more than one metal charged on one line under Proclamation 11021', () => {
    const stacked = line({ ...ALUMINUM, meltPourCountry: 'DE' }, [{}, { heading: '99038204', metal: 'aluminum', basisValue: '200000.00', amount: '100000.00' }]);
    expect(codes(stacked)).toEqual(['S232_STACKED']);
    expect(codes({ ...stacked, entryDate: '2026-04-05' })).toEqual([]);
  });

  it('MELT_POUR_MISSING and SMELT_CAST_MISSING: steel or aluminum with Section 232 duty and no country data', () => {
    expect(codes(line({ meltPourCountry: null }))).toEqual(['MELT_POUR_MISSING']);
    expect(codes(line({ ...ALUMINUM, castCountry: null }, [{ heading: '99038204', metal: 'aluminum' }]))).toEqual(['SMELT_CAST_MISSING']);
  });

  it('has a specification for every finding code', () => {
    const specified = ['S232_AMOUNT_MISMATCH', 'S232_BASIS_EXCEEDS_VALUE', 'S232_FULL_VALUE_REQUIRED', 'S232_CONTENT_VALUE_UNSUPPORTED',
      'USMCA_CREDIT_OVER_CAP', 'USMCA_SPLIT_INCOMPLETE', 'COPPER_SPLIT_INCOMPLETE', 'RUSSIA_ALUMINUM_200_REQUIRED', 'S232_STACKED',
      'MELT_POUR_MISSING', 'SMELT_CAST_MISSING'];
    expect([...BASIS_FINDING_CODES].sort()).toEqual(specified.sort());
  });
});
