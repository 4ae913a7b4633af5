/** The human summary of a result, printed after every run. */
import type { BenchResult } from './lib/report.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ms = (x: unknown) => (x === null || x === undefined ? '–' : `${x} ms`);
const x = (r: unknown) => (r === null || r === undefined ? '' : ` (${r}× ceiling)`);
const procs = (p: Any | undefined) =>
  p
    ? Object.entries(p)
        .map(([n, v]) => `${n} ${v.cpu_pct}% CPU ${v.rss_mib} MiB`)
        .join(', ')
    : '';

const machineLine = (c: Any | undefined) =>
  c ? `; machine ${c.busy_pct}% of ${c.cores * 100}% (others ${c.others_pct}%)` : '';

function delivery(label: string, m: Any | undefined, r?: Any): string[] {
  if (!m) return [];
  return [
    `${label}: ${m.sockets_ready} sockets ready (${m.sockets_failed} failed), ${m.sent} msgs sent, ${m.delivered}/${m.expected} delivered (${m.delivery_ratio})`,
    `  deliveries/s ${m.deliveries_per_s}${x(r?.deliveries_per_s)}, msgs/s ${m.messages_per_s}, frame ${m.frame_bytes} B`,
    `  latency p50 ${ms(m.latency.p50_ms)} p99 ${ms(m.latency.p99_ms)} p99.9 ${ms(m.latency.p999_ms)} max ${ms(m.latency.max_ms)}; send p50 ${ms(m.send_latency.p50_ms)} p99 ${ms(m.send_latency.p99_ms)}`,
    `  ${procs(m.processes)}${machineLine(m.machine_cpu)}`,
    `  ${m.bottleneck}${Object.keys(m.close_codes ?? {}).length ? `; close codes ${JSON.stringify(m.close_codes)}` : ''}`,
  ];
}

export function summarise(r: BenchResult): string {
  const a = r as Any;
  const lines = [`== ${r.scenario} (${r.backend}) ${JSON.stringify(r.params)}`];
  switch (r.scenario) {
    case 'voice':
      for (const st of a.steps ?? [])
        lines.push(
          `${st.participants} talkers (${st.forwarded_streams} streams): Janus ${st.janus_cpu_pct} % of a core, ${st.janus_cpu_pct_per_participant} %/participant, ${st.janus_cpu_pct_per_stream} %/stream, RSS ${st.janus_rss_mib} MiB${machineLine(st.machine)}`,
        );
      lines.push(
        `carried ${a.carried} talkers${a.stopped ? ` (stopped ${a.stopped})` : ''}`,
        `join → first audio packet: p50 ${a.join_latency.p50_ms} ms, p99 ${a.join_latency.p99_ms} ms (${a.join_latency.samples} joins); about ${a.estimate.participants_per_janus_core} talkers per Janus core`,
      );
      break;
    case 'ceiling':
      lines.push(...delivery('ceiling', a.ceiling));
      break;
    case 'fanout':
      lines.push(...delivery('ceiling', a.ceiling), ...delivery('system', a.system, a.ratios));
      break;
    case 'idle':
      for (const k of ['ceiling', 'system']) {
        const m = a[k];
        if (m)
          lines.push(
            `${k}: ${m.sockets_ready} idle subscribed sockets (${m.sockets_failed} failed), RSS ${m.rss_before_mib} → ${m.rss_after_mib} MiB, ${m.rss_per_socket_kib} KiB/socket${k === 'system' ? x(a.ratios?.rss_per_socket) : ''}; JS heap+external ${m.js_per_socket_kib} KiB/socket${k === 'system' ? x(a.ratios?.js_per_socket) : ''}`,
          );
      }
      break;
    case 'storm':
      for (const k of ['ceiling', 'system']) {
        const m = a[k];
        if (m)
          lines.push(
            `${k}: ${m.sockets_ready} ready, ${m.sockets_failed} failed in ${m.all_ready_s} s (${m.ready_per_s}/s)${k === 'system' ? x(a.ratios?.all_ready_s) : ''}; ${procs(m.processes)}${machineLine(m.machine_cpu)}`,
            ...(m.connect_errors.length ? [`  errors: ${m.connect_errors.join(' | ')}`] : []),
          );
      }
      break;
    case 'rest':
      for (const k of ['ceiling', 'system']) {
        const m = a[k];
        if (!m) continue;
        for (const op of ['send', 'history']) {
          const h = m[op];
          lines.push(
            `${k} ${op}: ${h.req_per_s} req/s${k === 'system' ? x(a.ratios?.[`${op}_req_per_s`]) : ''}, p50 ${ms(h.p50_ms)} p99 ${ms(h.p99_ms)}, non-2xx ${h.non2xx}, errors ${h.errors}; ${procs(h.processes)}${machineLine(h.machine_cpu)}`,
          );
        }
      }
      break;
    case 'edges':
      for (const run of a.runs ?? [])
        lines.push(
          `${run.edges} Edges, ${run.placement}: bus messages per Edge ${run.received.join(' / ')} of ${run.events} events — max ${Math.round(run.share_max * 1000) / 10} %, mean ${Math.round(run.share_mean * 1000) / 10} %; feeds ${run.feeds.join(' / ')}; ${run.publish_per_s} publishes/s, settled in ${run.settle_ms} ms${machineLine(run.machine_cpu)}`,
        );
      if (a.target)
        lines.push(
          `target ≤ ${a.target.limit * 100} % at 4 Edges: ${Math.round(a.target.measured_max * 1000) / 10} % (${a.target.met ? 'met' : 'missed'})`,
        );
      break;
    case 'attention':
      for (const k of ['ceiling', 'system']) {
        const m = a[k];
        if (!m) continue;
        if (m.seed)
          lines.push(
            `${k} seed: ${m.seed.messages} messages in ${m.seed.insert_s} s (${m.seed.rows_per_s} rows/s), ${m.seed.mention_rows} mention rows; messages ${m.seed.messages_table_size}, GIN ${m.seed.gin_index_size}`,
          );
        const h = m.ack;
        lines.push(
          `${k} ack: ${h.req_per_s} req/s${k === 'system' ? x(a.ratios?.ack_req_per_s) : ''}, p50 ${ms(h.p50_ms)} p99 ${ms(h.p99_ms)}, non-2xx ${h.non2xx}, errors ${h.errors}; ${procs(h.processes)}${machineLine(h.machine_cpu)}`,
        );
        for (const [kind, s] of Object.entries(m.search as Any)) {
          const v = s as Any;
          lines.push(
            `${k} search ${kind} (${v.query}, total ${v.total}): ${v.req_per_s} req/s, p50 ${ms(v.p50_ms)} p99 ${ms(v.p99_ms)}, non-2xx ${v.non2xx}; server ${v.processes.server.cpu_pct}% CPU`,
          );
        }
        for (const [kind, e] of Object.entries((m.explain ?? {}) as Any))
          for (const st of (e as Any).statements)
            lines.push(
              `${k} EXPLAIN ${kind} ${st.statement}: ${st.execution_ms} ms; ${st.plan
                .filter((l: string) => /Scan|Limit|Aggregate/.test(l))
                .map((l: string) => l.trim().replace(/\s+\(cost.*$/, ''))
                .slice(0, 4)
                .join(' | ')}`,
            );
      }
      break;
  }
  if (a.profile)
    lines.push(
      `hot functions (self time, server child) from ${a.profile.file}:`,
      ...a.profile.top_self_time.map(
        (h: Any) => `  ${String(h.self_pct).padStart(5)}%  ${h.function}  ${h.location}`,
      ),
      'self time by module:',
      ...(a.profile.by_module ?? []).map((h: Any) => `  ${String(h.self_pct).padStart(5)}%  ${h.module}`),
    );
  return lines.join('\n');
}
