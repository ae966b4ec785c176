import type { Db } from 'mongodb';
import { COLLECTIONS, type RenderingModeDocument } from '../../../shared/db/collections.js';
import { errorMessage } from '../../../shared/errors.js';
import { redactUrl } from '../../../shared/http/redact.js';
import type { Logger } from '../../../shared/logger.js';
import { RENDER_MODES, type LearnedMode, type PageType } from './rendering-plan.js';

const PAGE_TYPES: readonly PageType[] = ['search', 'listing'];

/**
 * The rendering modes earlier nights learned for a site (`rendering_modes`), so that a night
 * starts where the last one ended: once both page types read over plain HTTP, a night launches no
 * Chromium unless a page needs it. Without a database, every night learns afresh from the
 * browser. Like the frontier, it only speeds the work: a database problem is a warning.
 */
export class RenderingMemory {
  readonly #site: string;

  constructor(
    readonly db: Db | null,
    readonly writable: boolean,
    baseUrl: string,
    readonly logger: Logger,
  ) {
    this.#site = redactUrl(baseUrl);
  }

  /** What earlier nights learned, by page type; empty without a database or when unreadable. */
  async recall(): Promise<Partial<Record<PageType, LearnedMode>>> {
    if (!this.db) return {};
    try {
      const documents = await this.#collection()
        .find({ _id: { $in: PAGE_TYPES.map((type) => this.#id(type)) } })
        .toArray();
      const learned: Partial<Record<PageType, LearnedMode>> = {};
      for (const doc of documents) {
        // Only values this code writes are taken: anything else starts in the browser.
        if (!PAGE_TYPES.includes(doc.pageType) || !RENDER_MODES.includes(doc.mode)) continue;
        const agreements = Number.isSafeInteger(doc.agreements) ? Math.max(0, doc.agreements) : 0;
        learned[doc.pageType] = { mode: doc.mode, agreements };
      }
      return learned;
    } catch (error) {
      this.logger.warning(
        `rendering modes unreadable (${errorMessage(error)}); every page type starts in the browser`,
      );
      return {};
    }
  }

  /** Keeps where each page type stands now for the next night (not in a dry run). */
  async keep(learned: Partial<Record<PageType, LearnedMode>>): Promise<void> {
    if (!this.db || !this.writable) return;
    const updatedAt = new Date().toISOString();
    try {
      for (const [type, { mode, agreements }] of Object.entries(learned)) {
        const pageType = type as PageType;
        await this.#collection().updateOne(
          { _id: this.#id(pageType) },
          { $set: { site: this.#site, pageType, mode, agreements, updatedAt } },
          { upsert: true },
        );
      }
    } catch (error) {
      this.logger.warning(
        `rendering modes not kept (${errorMessage(error)}); the next night learns them again`,
      );
    }
  }

  #id(type: PageType): string {
    return `${this.#site} ${type}`;
  }

  #collection() {
    return this.db!.collection<RenderingModeDocument>(COLLECTIONS.renderingModes);
  }
}
