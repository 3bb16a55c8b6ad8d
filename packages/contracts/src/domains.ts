/**
 * Company web domains, normalised the same way everywhere (API input, email matching, imports, the console's
 * preview): lower-case host without scheme, credentials, port, path or a leading `www.`.
 * "https://www.Acme.com/about" → "acme.com". Pure and isomorphic.
 */

/** One DNS label: letters (any script, so 中文.com stays readable), digits and inner hyphens. */
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** The normalised domain, or null when `input` is blank or not a host name with a dot (e.g. "acme", "a b.com"). */
export function normaliseDomain(input: string): string | null {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, ''); // scheme
  host = host.split(/[/?#]/, 1)[0] ?? ''; // path, query, fragment
  host = host.slice(host.lastIndexOf('@') + 1); // credentials
  host = host.replace(/:\d*$/, '').replace(/\.$/, ''); // port, trailing root dot
  if (host.startsWith('www.')) host = host.slice(4);
  if (host.length === 0 || host.length > 253) return null;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  // A top-level domain is never all digits: "10.0.0.1" is an address, not a company's domain.
  if (/^\d+$/.test(labels.at(-1) ?? '')) return null;
  return host;
}

/** The normalised domain of an email address ("Bob@Mail.Acme.com" → "mail.acme.com"), or null. */
export function emailDomain(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  return at < 0 ? null : normaliseDomain(email.slice(at + 1));
}
