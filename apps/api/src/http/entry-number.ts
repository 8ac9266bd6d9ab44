import { Injectable, PipeTransform } from '@nestjs/common';
import { parseEntryNumber } from '@drawback/domain';

/**
 * `:entryNumber` of a route in the form entries are stored in, `XXX-NNNNNNN-C` in upper case: input-formats.md
 * writes entry numbers with dashes optional. One that does not parse is passed on as it came, to be found
 * nowhere (404) as before.
 */
export function storedEntryNumber(raw: string): string {
  const parsed = parseEntryNumber(raw.trim());
  return parsed.ok ? parsed.value : raw;
}

@Injectable()
export class EntryNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return storedEntryNumber(value);
  }
}
