// Data for bench:ingest: the workspace and tracked site the load targets (with a share of its visitors already
// stitched to leads, so some events go onto timelines as they would in production), the request bodies the load
// generator sends (unique event ids, a mix of visitors, agents and addresses), and the optional preload of 1M
// leads and 10M events.
import { randomBytes, randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUser } from '../apps/server/src/platform/auth/service';
import { type Database } from '../apps/server/src/platform/db/client';
import { runMigrations } from '../apps/server/src/platform/db/migrate';
import { createWorkspace } from '../apps/server/src/platform/workspaces/service';
import { insertDemoLeads } from '../apps/server/src/seed/demo';
import { COPY_COLUMNS, seededRandom, writeCopyCsv } from './leads-data';
import { BENCH_USER } from './seed';

export const BENCH_HOST = 'bench.kindling.local';
/** Visitors the load is spread over; every tenth is a known lead's. */
export const VISITORS = 10_000;
const IDENTIFIED_SHARE = 10;

export interface BenchSite {
  workspaceId: string;
  siteId: string;
  siteKey: string;
}

const visitorId = (i: number) => `bench_v_${i}`;

/** A user, a workspace, a web site allowing BENCH_HOST, 1,000 leads and the visitors (one in ten stitched). */
export async function setUpBenchSite(database: Database): Promise<BenchSite> {
  await runMigrations(database);
  const user = await createUser(database.db, { email: BENCH_USER.email, name: 'Bench', password: BENCH_USER.password });
  const workspace = await createWorkspace(database.db, user.id, { name: 'Bench', timeZone: 'Asia/Shanghai' });
  await insertDemoLeads(database.db, workspace.id, [user.id], 1000);
  const siteKey = randomBytes(16).toString('base64url');
  const { rows } = await database.executeSql(
    `insert into tracking_sites (workspace_id, id, name, kind, site_key, domains)
     values ($1, gen_random_uuid(), 'Bench site', 'web', $2, array[$3]) returning id`,
    [workspace.id, siteKey, BENCH_HOST],
  );
  const siteId = String(rows[0]?.id);
  await database.executeSql(
    `insert into tracking_visitors (workspace_id, id, site_id, lead_id)
     select $1::uuid, 'bench_v_' || g, $2::uuid,
       case when g % ${IDENTIFIED_SHARE} = 0 then l.id end
     from generate_series(0, ${VISITORS - 1}) g
     left join (select id, row_number() over (order by id) - 1 as n from leads where workspace_id = $1::uuid) l
       on l.n = g / ${IDENTIFIED_SHARE}`,
    [workspace.id, siteId],
  );
  return { workspaceId: workspace.id, siteId, siteKey };
}

/**
 * 1M leads (raw COPY, as bench:leads) and 10M events of 1M visitors (a tenth of them stitched, their events also
 * on timelines: 1M activities) on another site of the workspace, so the bench site's own rows stay countable.
 * Random v4 event ids, as browsers make them: the primary-key index takes them where they fall.
 */
export async function preload(database: Database, site: BenchSite, leadCount: number, eventCount: number) {
  const log = (text: string) => console.log(`bench: preload: ${text}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kindling-bench-ingest-'));
  chmodSync(dir, 0o755); // PostgreSQL's server process reads the COPY file as its own user
  const file = path.join(dir, 'leads.csv');
  try {
    log(`${leadCount.toLocaleString('en')} leads …`);
    await writeCopyCsv(file, site.workspaceId, 10_000, leadCount);
    await database.copyCsvFile('leads', COPY_COLUMNS, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { rows } = await database.executeSql(
    `insert into tracking_sites (workspace_id, id, name, kind, site_key, domains)
     values ($1, gen_random_uuid(), 'Preloaded site', 'web', $2, '{}') returning id`,
    [site.workspaceId, randomBytes(16).toString('base64url')],
  );
  const otherSite = String(rows[0]?.id);
  const visitors = Math.max(1, Math.floor(eventCount / 10));
  log(`${visitors.toLocaleString('en')} visitors …`);
  await database.executeSql(
    `insert into tracking_visitors (workspace_id, id, site_id, lead_id)
     select $1::uuid, 'pre_v' || g, $2::uuid, case when g % 10 = 0 then l.id end
     from generate_series(0, ${visitors - 1}) g
     left join (select id, row_number() over (order by id) - 1 as n from leads where workspace_id = $1::uuid) l
       on l.n = g / 10`,
    [site.workspaceId, otherSite],
  );
  const chunk = 1_000_000;
  for (let from = 0; from < eventCount; from += chunk) {
    const to = Math.min(eventCount, from + chunk) - 1;
    await database.executeSql(
      `insert into tracking_events (workspace_id, id, site_id, visitor_id, session_id, name, occurred_at, received_at,
         url, path, title, referrer_host, utm_source, device_type, browser, os, country, province, city, ip,
         duration_ms, properties)
       select $1::uuid, gen_random_uuid(), $2::uuid, 'pre_v' || (g % ${visitors}), 'pre_s' || (g / 5),
         case when g % 10 = 0 then 'click' else 'page_view' end,
         now() - (g % 7776000) * interval '1 second', now() - (g % 7776000) * interval '1 second',
         'https://preload.example.com/p/' || (g % 500), '/p/' || (g % 500), 'Page ' || (g % 500),
         (array['', 'www.baidu.com', 'weixin.qq.com', null])[1 + g % 4], (array[null, 'baidu', 'wechat'])[1 + g % 3],
         (array['mobile', 'desktop', 'tablet'])[1 + g % 3], (array['WeChat', 'Chrome', 'Safari'])[1 + g % 3],
         (array['iOS', 'Windows', 'Android', 'Mac OS'])[1 + g % 4], '中国',
         (array['广东省', '江苏省', '上海', '北京'])[1 + g % 4], (array['深圳市', '南京市', '上海市', '北京市'])[1 + g % 4],
         '114.114.' || (g % 256) || '.' || (g % 200), case when g % 10 = 1 then (g % 60000)::int end, '{}'::jsonb
       from generate_series(${from}, ${to}) g`,
      [site.workspaceId, otherSite],
    );
    log(`${(to + 1).toLocaleString('en')} events`);
  }
  log('activities of the stitched visitors …');
  await database.executeSql(
    `insert into activities (workspace_id, id, lead_id, type, source, occurred_at, properties, dedupe_key)
     select e.workspace_id, gen_random_uuid(), v.lead_id, 'web.' || e.name, 'web', e.occurred_at,
       jsonb_build_object('siteId', e.site_id, 'visitorId', e.visitor_id, 'url', e.url, 'path', e.path),
       'web:' || e.id
     from tracking_events e
     join tracking_visitors v on v.workspace_id = e.workspace_id and v.id = e.visitor_id and v.lead_id is not null
     where e.workspace_id = $1::uuid and e.site_id = $2::uuid`,
    [site.workspaceId, otherSite],
  );
  log('ANALYZE, CHECKPOINT …');
  await database.executeSql('ANALYZE', []);
  // The preload's own dirty pages are written now, not during the measured run.
  await database.executeSql('CHECKPOINT', []);
}

const AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 13; SM-S9080) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Mobile/15E148 Safari/604.1',
];
const NETWORKS = ['114.114', '61.135', '183.60', '220.181', '101.226', '117.136', '223.104', '36.110'];

/** What one generated request carries: its body and headers, and the event ids it asks the server to store. */
export interface GeneratedRequest {
  body: string;
  headers: Record<string, string>;
  ids: string[];
}

/**
 * Request bodies as the snippet sends them: unique event ids (random v4 as browsers' crypto.randomUUID makes them,
 * or time-ordered v7 with `timeOrderedIds`), page views (some with UTM and an external referrer), clicks and a
 * custom event with properties; 10,000 visitors, a few agents, a few hundred addresses.
 */
export function requestGenerator(
  site: BenchSite,
  eventsPerRequest: number,
  seed = 1,
  timeOrderedIds = false,
): () => GeneratedRequest {
  const random = seededRandom(seed);
  const newEventId = timeOrderedIds ? uuidv7 : randomUUID;
  const origin = `https://${BENCH_HOST}`;
  return () => {
    const visitor = Math.floor(random() * VISITORS);
    const now = Date.now();
    const ids: string[] = [];
    const events: string[] = [];
    for (let i = 0; i < eventsPerRequest; i++) {
      const id = newEventId();
      ids.push(id);
      const page = Math.floor(random() * 50);
      const kind = i === 0 ? 0 : Math.floor(random() * 3);
      if (kind === 0) {
        const utm = page % 5 === 0 ? '?utm_source=baidu&utm_medium=cpc&utm_campaign=spring' : '';
        const referrer = page % 3 === 0 ? 'https://www.baidu.com/s?wd=kindling' : `${origin}/p/${page + 1}`;
        events.push(
          `{"id":"${id}","name":"page_view","ts":${now - (eventsPerRequest - i) * 10},"url":"${origin}/p/${page}${utm}","title":"Page ${page} 产品介绍","referrer":"${referrer}"}`,
        );
      } else if (kind === 1) {
        events.push(
          `{"id":"${id}","name":"click","ts":${now},"url":"${origin}/p/${page}","props":{"text":"预约演示","tag":"button"}}`,
        );
      } else {
        events.push(
          `{"id":"${id}","name":"download_whitepaper","ts":${now},"url":"${origin}/p/${page}","props":{"asset":"crm-${page}.pdf","pages":12}}`,
        );
      }
    }
    const body = `{"site":"${site.siteKey}","visitor":"${visitorId(visitor)}","session":"bench_s_${visitor}","sentAt":${now},"source":"web","events":[${events.join(',')}]}`;
    const address = `${NETWORKS[visitor % NETWORKS.length]}.${visitor % 250}.${(visitor >> 8) % 250}`;
    return {
      body,
      ids,
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        origin,
        'user-agent': AGENTS[visitor % AGENTS.length] ?? '',
        'x-forwarded-for': address,
      },
    };
  };
}
