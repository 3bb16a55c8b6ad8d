/**
 * User agents of robots, crawlers, link previewers, headless browsers and scripting libraries, whose hits would
 * inflate page views and pollute timelines. Deliberately not matched: `curl` (people test the endpoint with it; the
 * hit is stored like any other) and e-mail image proxies (Gmail's GoogleImageProxy fetches the pixel because a
 * person opened the mail). `(?<!cu)bot` keeps CUBOT phones (a real Android brand) out of the net.
 */
const ROBOT_USER_AGENT =
  /(?<!cu)bot\b|bot[/_-]|crawl|spider|slurp|headless|lighthouse|pagespeed|gtmetrix|pingdom|uptime|statuscake|site24x7|newrelicpinger|datadog|phantomjs|prerender|puppeteer|playwright|selenium|webdriver|scrapy|python-requests|python-urllib|aiohttp|httpx|go-http-client|java\/|apache-httpclient|libwww-perl|wget|httrack|facebookexternalhit|facebookcatalog|whatsapp|skypeuripreview|embedly|quora link preview|bitlybot|vkshare|w3c_validator|feedfetcher|mediapartners-google|adsbot|apis-google|archive\.org_bot|ia_archiver/i;

/** True for requests without a user agent (every browser and WeChat sends one) and for known robots. */
export function isRobot(userAgent: string | undefined): boolean {
  if (!userAgent || userAgent.trim() === '') return true;
  return ROBOT_USER_AGENT.test(userAgent);
}
