import { fileNameProblem } from './upload-storage';

describe(fileNameProblem.name, () => {
  it('accepts a plain CSV file name, whatever its case', () => {
    expect(fileNameProblem('entries.csv')).toBeNull();
    expect(fileNameProblem('Duties.CSV')).toBeNull();
  });

  it('refuses a name that could leave the upload folder or name no file', () => {
    expect(fileNameProblem('../entries.csv')).toBe('may not hold a path separator');
    expect(fileNameProblem('sub\\entries.csv')).toBe('may not hold a path separator');
    expect(fileNameProblem('/etc/passwd.csv')).toBe('may not hold a path separator');
    expect(fileNameProblem('..')).toBe('is not a file name');
    expect(fileNameProblem(' ')).toBe('is not a file name');
    expect(fileNameProblem('a\nb.csv')).toBe('may not hold control characters');
  });

  it('refuses what is not a CSV file', () => {
    expect(fileNameProblem('entries.xlsx')).toBe('is not a .csv file');
  });
});
