import { normaliseDomain } from '@kindling/contracts/domains';
import type { EnrichmentData, EnrichmentProvider } from './provider';
import { SANDBOX_COMPANIES } from './sandbox-fixtures';

const byDomain = new Map(SANDBOX_COMPANIES.flatMap((company) => company.domains.map((d) => [d, company] as const)));
const byName = new Map(
  SANDBOX_COMPANIES.flatMap((company) => company.names.map((n) => [n.trim().toLowerCase(), company] as const)),
);

/**
 * The built-in provider: answers from fictional fixtures (./sandbox-fixtures.ts), by domain first, then by exact
 * name. No network, deterministic — the default, so demos and tests work offline.
 */
export const sandboxEnrichmentProvider: EnrichmentProvider = {
  id: 'sandbox',
  displayName: 'Sandbox (demo data)',
  async lookup({ name, domain }) {
    const normalised = domain ? normaliseDomain(domain) : null;
    const found = (normalised ? byDomain.get(normalised) : undefined) ?? byName.get(name.trim().toLowerCase());
    if (!found) return null;
    const { names: _names, domains: _domains, ...data } = found;
    return data satisfies EnrichmentData;
  },
};
