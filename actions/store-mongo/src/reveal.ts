import type { TextOpener } from '../../../shared/crypto/sealed-text.js';
import type { Logger } from '../../../shared/logger.js';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import { revealPersonal } from '../../../shared/privacy/county-personal.js';

/**
 * Puts back the owner fields that collect-county sealed in an artifact of a public repository,
 * one parcel at a time as the second pass reads it, counting what it did for `report`. Without a
 * passphrase they stay withheld and the merge keeps the owners already stored.
 */
export class ParcelRevealer {
  #sealed = 0;
  #opened = 0;

  constructor(private readonly opener: TextOpener | null) {}

  /**
   * Opens `sealed` (the first sealed value the first pass met, see `RecordIndex.firstSealed`), so
   * that a wrong passphrase fails the step before anything is written (the artifacts of one run
   * share one salt and passphrase).
   */
  async checkPassphrase(sealed: string | null): Promise<void> {
    if (this.opener !== null && sealed !== null) await this.opener.open(sealed);
  }

  /** The parcel with its owner fields opened when it has any sealed and a passphrase is given. */
  async reveal(parcel: CountyParcel): Promise<CountyParcel> {
    if (parcel.personal === undefined) return parcel;
    this.#sealed += 1;
    const revealed = await revealPersonal(parcel, this.opener);
    if (revealed.personal === undefined) this.#opened += 1;
    return revealed;
  }

  /** Says how many parcels were opened, or kept their stored owners. */
  report(logger: Logger): void {
    if (this.#sealed === 0) return;
    if (this.#opened === this.#sealed) {
      logger.info(`${this.#opened} parcels: owner fields opened with 'artifact-passphrase'`);
      return;
    }
    logger.warning(
      `${this.#sealed - this.#opened} parcels came without owner fields (an artifact of a public repository${this.opener ? ' collected without a passphrase' : "; set 'artifact-passphrase'"}): their stored owners are kept`,
    );
  }
}
