import { DEVICES_PER_ORGANISATION } from './bench-score.js'
import type { Plan } from './bench-score.js'

/** Days of history per rhythm, as the demo backfills: about 2 million beats over 10,000 rhythms. */
export const HISTORY_DAYS = 180
const TICKETS_PER_DAY = 20

const literal = (value: string | number | boolean | null | readonly number[]): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? `'{${value.join(',')}}'`
      : typeof value === 'string'
        ? `'${value.replaceAll("'", "''")}'`
        : String(value)

/** Each rhythm's plan as a table, so one statement can write every rhythm's history. */
export function planSql(plans: readonly Plan[]): string {
  const rows = plans.map((p) =>
    [
      ...[p.rhythmId, p.organisation, p.tz, p.kind, p.minute, p.hours, p.dow, p.dom, p.months],
      ...[`${p.graceMinutes} minutes`, p.roster, p.origin, p.profile],
    ]
      .map(literal)
      .join(', '),
  )
  return `
    create table bench_plan (
      rhythm_id text primary key, organisation_id text, tz text, kind text, minute int,
      hours int[], dow int, dom int, months int[], grace interval, roster boolean, origin text,
      profile text
    );
    insert into bench_plan values\n(${rows.join('),\n(')});
    -- How each profile plays: the share of slots missed, failed and late (within grace), and
    -- for the quiet ones how long ago they stopped.
    create table bench_shares (profile text, missed float8, failed float8, late float8, quiet interval);
    insert into bench_shares values
      ('tight', 0.002, 0.002, 0.004, null),
      ('drifting', 0.06, 0.03, 0.12, null),
      ('silent', 0.002, 0.002, 0.004, interval '12 days');
    insert into players (organisation_id, kind, key, integration_id, active, last_seen_at)
      select o.id, 'device', o.id || '-srv-' || lpad(n::text, 2, '0'), 'rmm', true, now()
      from organisations o cross join generate_series(1, ${DEVICES_PER_ORGANISATION}) n;
  `
}

/**
 * Every rhythm's history in one pass, written in time order as a live service would have
 * stored it (so a rhythm's beats are spread over the table, not packed together). Schedule
 * rhythms get a beat per slot (per device for rosters): on time up to 40 minutes early, late
 * within grace, failed, or missing. SLA rhythms get tickets (triggers), mostly answered within
 * the 4-hour target. random() sits in the innermost select so it is drawn per row.
 */
export function historySql(): string {
  return `
    set max_parallel_workers_per_gather = 0;
    select setseed(0.2026);
    insert into triggers (rhythm_id, key, at)
      select p.rhythm_id, 'T-' || p.organisation_id || '-' || n,
        now() - n * interval '${(24 * 60) / TICKETS_PER_DAY} minutes' + random() * interval '30 minutes'
      from bench_plan p cross join generate_series(1, ${HISTORY_DAYS * TICKETS_PER_DAY}) n
      where p.kind = 'sla';
    insert into beats (rhythm_id, at, ok, player, key, origin, idempotency_key)
    select rhythm_id, at, ok, player, key, origin, idempotency_key from (
      select rhythm_id, player, null as key, origin,
        'seed:' || extract(epoch from due)::bigint || coalesce(':' || player, '') as idempotency_key,
        roll >= missed + failed as ok,
        case when roll >= missed + failed and roll < missed + failed + late
          then due + interval '1 minute' + spread * 0.9 * (grace - interval '1 minute')
          else due - spread * interval '40 minutes' end as at
      from (
        select p.rhythm_id, p.origin, p.grace, s.*, d.player, slot.due, random() as roll,
          random() as spread
        from bench_plan p
        join bench_shares s using (profile)
        cross join lateral (
          select (day::date + make_time(h, p.minute, 0)) at time zone p.tz as due
          from generate_series(
            (current_date - ${HISTORY_DAYS})::timestamp, (current_date + 1)::timestamp, interval '1 day'
          ) day
          cross join unnest(p.hours) h
          where (p.dow is null or extract(dow from day) = p.dow)
            and (p.dom is null or extract(day from day) = p.dom)
            and (p.months is null or extract(month from day)::int = any (p.months))
        ) slot
        cross join lateral (
          select key as player from players pl
          where p.roster and pl.organisation_id = p.organisation_id
          union all select null where not p.roster
        ) d
        where p.kind = 'schedule' and slot.due <= now() and (s.quiet is null or slot.due < now() - s.quiet)
      ) drawn
      where roll >= missed
      union all
      select rhythm_id, null, key, 'record', 'seed:' || key, true, at + answer
      from (
        select t.rhythm_id, t.key, t.at,
          case when roll < 0.93 then spread * interval '3 hours 50 minutes'
            when roll < 0.98 then interval '4 hours' + spread * interval '25 minutes' end as answer
        from (select t.*, random() as roll, random() as spread from triggers t) t
      ) answered
      where answer is not null and at + answer <= now()
    ) beats
    order by at;
    -- As if every RMM and PSA sync had just succeeded: record-fed rhythms are live, not stale.
    update integrations set last_success_at = now(), last_run_at = now();
    drop table bench_plan, bench_shares;
  `
}
