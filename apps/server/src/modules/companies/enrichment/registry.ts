import type { EnrichmentProvider } from './provider';
import { sandboxEnrichmentProvider } from './sandbox-provider';

/**
 * Enrichment providers by id; ENRICHMENT_PROVIDER (config.ts) picks one, 'sandbox' by default.
 *
 * Plugging in a real provider (e.g. 企查查 / 天眼查 open APIs for mainland registry data, Clearbit for international
 * firmographics):
 * 1. Write `<name>-provider.ts` implementing `EnrichmentProvider`: `lookup({ name, domain })` calls the provider's
 *    HTTP API (企查查/天眼查: search by name → 统一社会信用代码, 注册地址, 行业, 人员规模; Clearbit: the Company API by
 *    domain) and maps the answer onto `EnrichmentData` (size as one of COMPANY_SIZES); null when nothing is found.
 *    Outbound calls go through the SSRF guard (ARCHITECTURE §10) with a timeout, and must not run inside a
 *    database transaction (routes.ts looks up first, then writes in a short transaction).
 * 2. Read its credentials in config.ts (the only place that reads the environment) and hand them to a factory
 *    registered below, e.g. `qcc: (config) => qccProvider({ key: config.qccApiKey })`.
 * 3. Start with ENRICHMENT_PROVIDER=qcc. An unknown id stops the server at start-up with the list of known ones.
 */
const PROVIDERS: Record<string, () => EnrichmentProvider> = {
  sandbox: () => sandboxEnrichmentProvider,
};

export function enrichmentProviderFor(id: string): EnrichmentProvider {
  const factory = Object.hasOwn(PROVIDERS, id) ? PROVIDERS[id] : undefined;
  if (!factory) {
    throw new Error(`Unknown ENRICHMENT_PROVIDER "${id}"; known providers: ${Object.keys(PROVIDERS).join(', ')}`);
  }
  return factory();
}
