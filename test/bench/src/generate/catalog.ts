/**
 * What the synthetic importer brings in: steel and aluminum articles of HTS Chapters 72, 73 and 76
 * with the Section 232 heading each is reported under, from the countries such goods come from.
 */
export type Metal = 'steel' | 'aluminum';

export interface Article {
  hts: string;
  description: string;
  metal: Metal;
  uom: 'KG' | 'NO';
  /** Column 1 general rate, percent. */
  ordinaryRate: number;
  /** Section 232 heading; derivatives (Chapter 73, 7610, 7616) pay on the metal content only. */
  s232Heading: string;
  derivative: boolean;
  /** Price range per unit of `uom`, in cents. */
  unitCents: readonly [number, number];
}

const article = (
  hts: string, description: string, metal: Metal, uom: Article['uom'], ordinaryRate: number,
  s232Heading: string, derivative: boolean, unitCents: readonly [number, number],
): Article => ({ hts, description, metal, uom, ordinaryRate, s232Heading, derivative, unitCents });

export const ARTICLES: readonly Article[] = [
  article('7208510030', 'hot-rolled steel plate, not in coils', 'steel', 'KG', 0, '9903.80.01', false, [80, 140]),
  article('7208390015', 'hot-rolled steel coil, under 3 mm', 'steel', 'KG', 0, '9903.80.01', false, [70, 120]),
  article('7209160070', 'cold-rolled steel sheet', 'steel', 'KG', 0, '9903.80.01', false, [90, 160]),
  article('7210490091', 'galvanized steel sheet', 'steel', 'KG', 0, '9903.80.01', false, [100, 180]),
  article('7213913011', 'steel wire rod', 'steel', 'KG', 0, '9903.80.01', false, [75, 130]),
  article('7219330035', 'stainless steel sheet, cold-rolled', 'steel', 'KG', 0, '9903.80.01', false, [250, 420]),
  article('7304190020', 'seamless line pipe', 'steel', 'KG', 0, '9903.80.01', false, [150, 260]),
  article('7306306000', 'welded steel tube, circular', 'steel', 'KG', 0, '9903.80.01', false, [120, 210]),
  article('7308909590', 'structural steel parts', 'steel', 'KG', 0, '9903.81.91', true, [200, 400]),
  article('7318156080', 'steel bolts with nuts', 'steel', 'KG', 0, '9903.81.91', true, [300, 700]),
  article('7326908688', 'articles of steel, other', 'steel', 'NO', 2.9, '9903.81.91', true, [500, 9000]),
  article('7601103000', 'unwrought aluminum alloy', 'aluminum', 'KG', 0, '9903.85.03', false, [250, 330]),
  article('7604291010', 'aluminum alloy extruded profiles', 'aluminum', 'KG', 5, '9903.85.03', false, [380, 560]),
  article('7606123090', 'aluminum alloy plate', 'aluminum', 'KG', 3, '9903.85.03', false, [350, 520]),
  article('7607116090', 'aluminum foil', 'aluminum', 'KG', 5.3, '9903.85.03', false, [400, 650]),
  article('7610900080', 'aluminum structures', 'aluminum', 'KG', 5.7, '9903.85.08', true, [600, 1200]),
  article('7616995190', 'articles of aluminum, other', 'aluminum', 'NO', 2.5, '9903.85.08', true, [300, 6000]),
];

export const ORIGINS = ['CN', 'CN', 'DE', 'JP', 'KR', 'KR', 'CA', 'MX', 'BR', 'IN', 'TR', 'VN', 'TW', 'IT', 'GB', 'AE'] as const;
/** USMCA countries: their lines may claim SPI `S`. */
export const USMCA = new Set(['CA', 'MX']);
/** Section 301 headings of the China lists. */
export const S301_HEADINGS = ['9903.88.01', '9903.88.02', '9903.88.03'] as const;
/** An AD/CVD order on Chinese aluminum extrusions (for the few lines subject to one). */
export const EXTRUSIONS_ADCVD_CASE = 'A-570-967';

export const IMPORTERS = ['12-3456789AB', '98-7654321CD', '45-1122334EF'] as const;
export const PORTS = ['3901', '2704', '1001', '5301', '4601', '2002'] as const;
/** Filer codes: letters and digits, so the check digit exercises every character class. */
export const FILER_CODES = ['B7K', 'M2X', 'QR5', 'Z19', 'AC4', 'JT8'] as const;

export const EXPORTERS = ['Acme Fabrication LLC', 'Great Lakes Metalworks Inc.', 'Gulf Coast Steel, Inc.'] as const;
export const DESTINATIONS = ['CA', 'MX', 'DE', 'GB', 'JP', 'AU', 'BR', 'KR', 'NL', 'SA'] as const;

/** What the importer's plants make from the metal: the outputs of production orders. */
export const PRODUCTS = [
  { hts: '8431499095', description: 'parts of cranes and derricks' },
  { hts: '7308909590', description: 'fabricated structural steel assemblies' },
  { hts: '8708295160', description: 'motor vehicle body stampings' },
  { hts: '9403200082', description: 'metal shelving units' },
  { hts: '8479899599', description: 'machine frames' },
] as const;
