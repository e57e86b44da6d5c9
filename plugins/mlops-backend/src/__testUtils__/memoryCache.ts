import { CacheService } from '@backstage/backend-plugin-api';

/** An in-memory `CacheService` with TTLs, like the backend's default memory store. */
export function memoryCache(): CacheService {
  const entries = new Map<string, { value: any; expires: number }>();
  const cache: CacheService = {
    async get(key) {
      const entry = entries.get(key);
      if (!entry || entry.expires < Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    async set(key, value, options) {
      const ttl = options?.ttl;
      const ms =
        typeof ttl === 'number'
          ? ttl
          : ((ttl as { seconds?: number } | undefined)?.seconds ?? 60) * 1000;
      entries.set(key, { value, expires: Date.now() + ms });
    },
    async delete(key) {
      entries.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}
