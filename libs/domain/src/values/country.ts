import { fail, ok, Parsed } from './parse-result';

// ISO 3166-1 alpha-2, officially assigned codes.
const ISO_3166_ALPHA_2 = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY ' +
    'BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK ' +
    'FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR ' +
    'IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ' +
    'ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
    'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF ' +
    'TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** `UN`: the importer reported the melt, smelt or cast country as unknown. */
export const UNKNOWN_COUNTRY = 'UN';
/** The USMCA partners of the United States (19 CFR 182.42, 182.44; the steel-derivative split of Proclamation 11032). */
export const USMCA_COUNTRIES: readonly string[] = ['CA', 'MX'];
/** `N`: no secondary smelt country (aluminum). */
export const NO_COUNTRY = 'N';

export type CountryKind = 'country' | 'metal-country' | 'secondary-smelt-country';

/**
 * An ISO 3166-1 alpha-2 code; melt/smelt/cast columns also take `UN` (unknown), and
 * `smelt_secondary_country` also `N` (none) (input-formats.md).
 */
export function parseCountry(text: string, kind: CountryKind = 'country'): Parsed<string> {
  const code = text.toUpperCase();
  if (ISO_3166_ALPHA_2.has(code)) return ok(code);
  if (kind !== 'country' && code === UNKNOWN_COUNTRY) return ok(code);
  if (kind === 'secondary-smelt-country' && code === NO_COUNTRY) return ok(code);
  const extra = kind === 'country' ? '' : kind === 'metal-country' ? ' or UN' : ', UN or N';
  return fail(`"${text}" is not an ISO 3166-1 alpha-2 country code${extra}`);
}
