import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The file a Model's card text may come from, beside the entity's own catalog file. */
export const MODEL_CARD_FILE = 'MODEL_CARD.md';

/** A card file larger than this is not read (a card is prose, not data). */
const MAX_BYTES = 256 * 1024;

/** What reading a Model's `MODEL_CARD.md` gave: its text, or no file (`text` absent), or why it could not be read. */
export type ModelCardFile = {
  /** Where the file is (or would be): a URL, or `file:` and an absolute path. */
  location?: string;
  text?: string;
  error?: string;
};

/**
 * Reads the `MODEL_CARD.md` beside the catalog file an entity came from. The file's place is derived only from
 * the catalog's own location annotations (`backstage.io/managed-by-location`, else
 * `backstage.io/managed-by-origin-location`), never from a request:
 *
 * - a `url:` location: the file of that name in the same directory, read through the backend's `UrlReader`, so
 *   its integrations and `backend.reading.allow` decide what may be read;
 * - a `file:` location (the catalog's config locations, as the demo's examples): the file in the same directory
 *   on the backend's disk, since Backstage's `UrlReader` reads no `file:` URLs (the catalog reads those locations
 *   itself, as TechDocs does for `dir:` docs beside them);
 * - any other location (an entity provider's): no file.
 *
 * A file that does not exist is no file; any other failure is reported in `error`.
 */
export class ModelCardFileReader {
  constructor(private readonly deps: { urlReader: UrlReaderService }) {}

  async read(entity: Entity): Promise<ModelCardFile> {
    const annotations = entity.metadata.annotations ?? {};
    const ref =
      annotations[ANNOTATION_LOCATION] ??
      annotations[ANNOTATION_ORIGIN_LOCATION];
    if (!ref) return {};
    let type: string;
    let target: string;
    try {
      ({ type, target } = parseLocationRef(ref));
    } catch {
      return {};
    }
    if (type === 'url') return this.readUrl(target);
    if (type === 'file') return this.readFile(target);
    return {};
  }

  private async readUrl(target: string): Promise<ModelCardFile> {
    let url: URL;
    try {
      url = new URL(MODEL_CARD_FILE, target);
    } catch {
      return {};
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return {};
    const location = url.toString();
    try {
      const response = await this.deps.urlReader.readUrl(location);
      return cardText(location, await response.buffer());
    } catch (error) {
      if (isError(error) && error.name === 'NotFoundError') return { location };
      return {
        location,
        error: `Could not read ${location}: ${
          isError(error) ? error.message : String(error)
        }`,
      };
    }
  }

  private async readFile(target: string): Promise<ModelCardFile> {
    // The catalog stores file locations as absolute paths; anything else is not a location it wrote.
    if (!path.isAbsolute(target)) return {};
    const file = path.join(
      path.dirname(path.normalize(target)),
      MODEL_CARD_FILE,
    );
    const location = `file:${file}`;
    try {
      return cardText(location, await readFile(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { location };
      return {
        location,
        error: `Could not read ${location}: ${(error as Error).message}`,
      };
    }
  }
}

/** The file's text, unless it is larger than a card should be. */
function cardText(location: string, buffer: Buffer): ModelCardFile {
  if (buffer.length > MAX_BYTES) {
    return { location, error: `${location} is larger than ${MAX_BYTES} bytes` };
  }
  return { location, text: buffer.toString('utf8') };
}
