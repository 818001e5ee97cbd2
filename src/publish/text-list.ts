import type { Catalogue } from '../catalogue/catalogue.js';
import type { Planned } from '../catalogue/list-file.js';
import { checkList } from '../catalogue/validate.js';
import type { ListChanger } from '../triage/list-writer.js';

/**
 * A version of the list held as text (GitHub's copy on a branch), changed with the same planners
 * as the local file (`addPaperToList`, `removeLineFromList` of triage/list-writer.ts). The
 * catalogue is lossless, so the text after one planned change differs from the text before by
 * exactly that line. Throws NotAListError when the text is not a list.
 */
export class TextList implements ListChanger {
  private current: Catalogue;
  private readonly original: string;

  constructor(text: string, where: string) {
    this.current = checkList(text, where);
    this.original = text;
  }

  async modify<R>(plan: (current: Catalogue) => Planned<R>): Promise<Planned<R> & { written: boolean }> {
    const result = plan(this.current);
    const written = result.catalogue !== this.current;
    this.current = result.catalogue;
    return { ...result, written };
  }

  get catalogue(): Catalogue {
    return this.current;
  }

  text(): string {
    return this.current.render();
  }

  /** Whether any change made the text differ from the one it was made from. */
  get changed(): boolean {
    return this.text() !== this.original;
  }
}
