import type { CompanySize } from '@kindling/contracts/companies';

/** What a provider is asked: the company as the workspace knows it. */
export interface EnrichmentQuery {
  name: string;
  domain: string | null;
}

/** Registry (工商) data a provider found. Fields it does not know are null or absent. */
export interface EnrichmentData {
  legalName: string | null;
  registrationId: string | null;
  address: string | null;
  industry: string | null;
  size?: CompanySize | null;
  region?: string | null;
}

/**
 * A source of company registry data (PRODUCT 2.4: "creating a company can auto-fill registry data through a
 * pluggable enrichment provider"). The workspace picks one through ENRICHMENT_PROVIDER (config.ts); see
 * ./registry.ts for how a real provider plugs in.
 */
export interface EnrichmentProvider {
  /** Stable id, stored on the company as `enrichment_provider` (e.g. 'sandbox', 'qcc', 'clearbit'). */
  id: string;
  displayName: string;
  /** The registry data of the company, or null when the provider knows no such company. */
  lookup(query: EnrichmentQuery): Promise<EnrichmentData | null>;
}
