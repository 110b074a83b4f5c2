/**
 * Whether the gateway runs only trusted documents: the settings the gateway's `env.ts` spreads into its
 * one parse, and the mode they give.
 */
import { z } from 'zod';

/**
 * `enforce`: only the trusted documents of `clients/__generated__/persisted-documents.json` run, sent by
 * id (`documentId`, or Apollo's APQ `sha256Hash`) or as their exact text; anything else is refused with
 * HTTP 400 and `PERSISTED_QUERY_NOT_IN_LIST`, and no document can be registered at run time.
 * `allow`: ids, APQ (with registration) and free-form queries all run.
 */
export type TrustedDocumentsMode = 'enforce' | 'allow';

export const trustedDocumentsEnvShape = {
  /**
   * `enforce` or `allow`. Unset, it depends on `NODE_ENV` (see {@link trustedDocumentsMode}):
   * `enforce` in production, `allow` in development and tests, where explorers and curl send free-form
   * queries.
   */
  TRUSTED_DOCUMENTS: z.enum(['enforce', 'allow']).optional(),
};

/** The mode in force: `TRUSTED_DOCUMENTS` when set, else `enforce` in production and `allow` elsewhere. */
export function trustedDocumentsMode(settings: {
  NODE_ENV: string;
  TRUSTED_DOCUMENTS?: TrustedDocumentsMode | undefined;
}): TrustedDocumentsMode {
  return settings.TRUSTED_DOCUMENTS ?? (settings.NODE_ENV === 'production' ? 'enforce' : 'allow');
}
