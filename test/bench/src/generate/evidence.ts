import { Prng } from './prng';
import { RowSinks } from './rows';

/** Documents on file for some of the subjects: mill certificates, production records, proofs of export. */
export class EvidenceGenerator {
  private documentSequence = 0;

  constructor(
    private readonly random: Prng,
    private readonly sinks: RowSinks,
  ) {}

  heat(heatNumber: string): Promise<void> {
    return this.document(heatNumber.startsWith('H') ? 'mill_certificate' : 'smelter_attestation', 'heat', heatNumber);
  }

  entryLine(entryNumber: string, lineNumber: number): Promise<void> {
    return this.document('invoice', 'entry_line', `${entryNumber}/${lineNumber}`);
  }

  productionOrder(orderId: string): Promise<void> {
    return this.document('production_record', 'production_order', orderId);
  }

  exportLine(exportId: string, lineNumber: number): Promise<void> {
    return this.document('export_proof', 'export_line', `${exportId}/${lineNumber}`);
  }

  private document(kind: string, subject: string, subjectId: string): Promise<void> {
    this.documentSequence += 1;
    const documentId = `DOC-${String(this.documentSequence).padStart(8, '0')}`;
    return this.sinks.evidence({
      document_id: documentId, kind, subject, subject_id: subjectId, reference: `dms://records/${documentId}.pdf`,
      sha256: this.random.chance(0.5) ? this.digest() : null,
    });
  }

  /** A made-up digest: 64 hex digits from the seeded generator. */
  private digest(): string {
    let hex = '';
    while (hex.length < 64) hex += Math.floor(this.random.next() * 0x100000000).toString(16).padStart(8, '0');
    return hex;
  }
}
