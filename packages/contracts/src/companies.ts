import { z } from 'zod';
import { ZActivity } from './activities';
import { normaliseDomain } from './domains';
import { ZLeadSortKey } from './leads';
import { ZPageQuery, ZSortOrder, pageOf } from './pagination';

/** Companies (PRODUCT 2.4): the accounts leads belong to, with a hierarchy and registry (工商) data. */

/** Head-count bands, smallest first. */
export const COMPANY_SIZES = [
  '1-10',
  '11-50',
  '51-200',
  '201-500',
  '501-1000',
  '1001-5000',
  '5001-10000',
  '10000+',
] as const;
export const ZCompanySize = z.enum(COMPANY_SIZES);
export type CompanySize = z.infer<typeof ZCompanySize>;

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const optionalText = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max).nullable()).optional();

/** A web domain or URL, stored normalised ("https://www.Acme.com/about" → "acme.com"); "" clears it. */
export const ZDomainField = z.preprocess(
  blankToNull,
  z
    .string()
    .max(2000)
    .transform((value, ctx) => {
      const domain = normaliseDomain(value);
      if (!domain) {
        ctx.addIssue({ code: 'custom', message: 'Enter a domain such as acme.com' });
        return z.NEVER;
      }
      return domain;
    })
    .nullable(),
);

/** Fields a person can write. */
export const ZCompanyWritable = z.object({
  name: z.string().trim().min(1, 'Name is required').max(200),
  domain: ZDomainField.optional(),
  industry: optionalText(100),
  size: z.preprocess(blankToNull, ZCompanySize.nullable()).optional(),
  region: optionalText(100),
  /** The parent company (a division belongs to a group); must be a company of the same workspace. */
  parentId: z.uuid().nullable().optional(),
  /** Registry (工商) data; usually filled by enrichment, editable by hand. */
  legalName: optionalText(200),
  registrationId: optionalText(50),
  address: optionalText(500),
  /** Custom company field values by key; validated against the company field definitions. null clears one. */
  attributes: z.record(z.string(), z.unknown()).optional(),
});

export const ZCreateCompanyBody = ZCompanyWritable.strict();
export type CreateCompanyBody = z.input<typeof ZCreateCompanyBody>;

export const ZUpdateCompanyBody = ZCompanyWritable.partial()
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Nothing to update');
export type UpdateCompanyBody = z.input<typeof ZUpdateCompanyBody>;

export const ZCompanyRef = z.object({ id: z.uuid(), name: z.string() });
export type CompanyRef = z.infer<typeof ZCompanyRef>;

export const ZCompany = z.object({
  id: z.uuid(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  size: ZCompanySize.nullable(),
  region: z.string().nullable(),
  parentId: z.uuid().nullable(),
  parent: ZCompanyRef.nullable(),
  legalName: z.string().nullable(),
  registrationId: z.string().nullable(),
  address: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  enrichedAt: z.string().nullable(),
  enrichmentProvider: z.string().nullable(),
  /** Live leads linked to the company (the recycle bin not counted). */
  leadCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Company = z.infer<typeof ZCompany>;

/** One company with its direct divisions. */
export const ZCompanyDetail = ZCompany.extend({ children: z.array(ZCompanyRef) });
export type CompanyDetail = z.infer<typeof ZCompanyDetail>;

export const ZCompanyPage = pageOf(ZCompany);
export type CompanyPage = z.infer<typeof ZCompanyPage>;

export const COMPANY_SORT_FIELDS = ['name', 'domain', 'industry', 'size', 'region', 'leadCount', 'createdAt'] as const;
export type CompanySortField = (typeof COMPANY_SORT_FIELDS)[number];

/** The list's filters, shared by the list and its export. */
const ZCompanyListFilters = z.object({
  /** Searches name and domain. */
  q: z.string().trim().max(200).optional(),
  industry: z.string().trim().max(100).optional(),
  size: ZCompanySize.optional(),
  /** Divisions of this company. */
  parentId: z.uuid().optional(),
});

export const ZListCompaniesQuery = ZPageQuery.extend(ZCompanyListFilters.shape)
  .extend({
    sort: z.enum(COMPANY_SORT_FIELDS).default('createdAt'),
    order: ZSortOrder.default('desc'),
  })
  .strict();
export type ListCompaniesQuery = z.input<typeof ZListCompaniesQuery>;

export const ZExportCompaniesBody = ZCompanyListFilters.extend({ format: z.enum(['csv']).default('csv') }).strict();
export type ExportCompaniesBody = z.input<typeof ZExportCompaniesBody>;

/** GET /companies/:id/leads: a page of the company's live leads. */
export const ZCompanyLeadsQuery = ZPageQuery.extend({
  /** Like the lead pool: a built-in field key or `attr.<custom key>`. */
  sort: ZLeadSortKey.default('createdAt'),
  order: ZSortOrder.default('desc'),
}).strict();

/** An activity of one of the company's leads, with the lead's name for the feed. */
export const ZCompanyActivity = ZActivity.extend({ lead: ZCompanyRef });
export type CompanyActivity = z.infer<typeof ZCompanyActivity>;

export const ZCompanyActivityPage = z.object({
  items: z.array(ZCompanyActivity),
  /** Pass back as `before` for the next (older) page; null when there is nothing older. */
  nextCursor: z.string().nullable(),
});
export type CompanyActivityPage = z.infer<typeof ZCompanyActivityPage>;

/* ------------------------------------------------------------------------------------------------------------ */
/* Enrichment (工商信息补全)                                                                                       */
/* ------------------------------------------------------------------------------------------------------------ */

/** The fields an enrichment provider may fill. */
export const ENRICHED_FIELDS = ['legalName', 'registrationId', 'address', 'industry', 'size', 'region'] as const;
export type EnrichedField = (typeof ENRICHED_FIELDS)[number];

export const ZEnrichCompanyBody = z
  .object({
    /** Replace values the company already has; by default only empty fields are filled. */
    overwrite: z.boolean().default(false),
  })
  .strict();
export type EnrichCompanyBody = z.input<typeof ZEnrichCompanyBody>;

export const ZEnrichmentOutcome = z.object({
  provider: z.object({ id: z.string(), displayName: z.string() }),
  /** What changed, field by field (empty when the registry had nothing new). */
  changes: z.record(z.string(), z.object({ from: z.string().nullable(), to: z.string().nullable() })),
  company: ZCompanyDetail,
});
export type EnrichmentOutcome = z.infer<typeof ZEnrichmentOutcome>;
