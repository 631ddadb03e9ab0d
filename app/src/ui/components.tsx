// Small accessible building blocks: labelled fields with their problem in words, the activity panel with each
// transaction's progress, stat lists, a status timeline and an SVG line chart.
import { useId, type ReactNode } from 'react';
import { useApp } from '../app/context';
import { explorerTxUrl } from '../chain/settings';
import type { TxStage } from '../chain/tx';

export function Field(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  error?: string | undefined;
  type?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
  name?: string;
  placeholder?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const describedBy = [props.hint ? hintId : '', props.error ? errId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        value={props.value}
        placeholder={props.placeholder}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && (
        <small id={hintId} className="hint">
          {props.hint}
        </small>
      )}
      {props.error && (
        <small id={errId} className="error" role="alert">
          {props.error}
        </small>
      )}
    </div>
  );
}

export function Select<T extends string>(props: { label: string; value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A form whose submit button is disabled while a transaction is in flight or the inputs have problems. */
export function ActionForm(props: { title: string; children?: ReactNode; submit: string; problems?: readonly string[]; onSubmit: () => void; disabled?: boolean }) {
  const { busy, me } = useApp();
  const problems = props.problems ?? [];
  // "Enter an amount." and the like are prompts for an empty form, not errors: shown quietly
  const errors = problems.filter((p) => !p.startsWith('Enter ') && !p.startsWith('Fill in '));
  const prompts = problems.filter((p) => !errors.includes(p));
  return (
    <form
      className="card action"
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy && problems.length === 0 && !props.disabled) props.onSubmit();
      }}
    >
      <h3>{props.title}</h3>
      {props.children}
      {errors.length > 0 && (
        <ul className="problems" aria-label="What to fix before signing">
          {errors.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {errors.length === 0 && prompts.length > 0 && <small className="hint">{prompts[0]}</small>}
      <button type="submit" disabled={busy || !me || problems.length > 0 || props.disabled}>
        {props.submit}
      </button>
      {!me && <small className="hint">Connect a wallet to sign.</small>}
    </form>
  );
}

const STAGE_TEXT: Record<TxStage, string> = {
  simulating: 'Checking with the chain…',
  'awaiting-signature': 'Awaiting your signature in the wallet…',
  sent: 'Sent, waiting for confirmation…',
  confirmed: 'Confirmed',
  failed: 'Failed',
};

/** Every transaction of this session with its progress; announced to screen readers as it changes. */
export function TxPanel() {
  const { txs, settings } = useApp();
  return (
    <section className="txpanel" aria-label="Transactions">
      <h2>Activity</h2>
      <ol aria-live="polite">
        {txs.length === 0 && <li className="muted">No transactions yet.</li>}
        {txs.map((t) => (
          <li key={t.id} className={`tx tx-${t.stage}`} data-testid="tx" data-stage={t.stage}>
            <strong>{t.label}</strong>: <span className="stage">{STAGE_TEXT[t.stage]}</span>
            {t.error && (
              <div className="error" role="alert">
                {t.error}
              </div>
            )}
            {t.signature && (
              <div className="sig">
                <a href={`#/tx/${t.signature}`}>{t.signature.slice(0, 16)}…</a>{' '}
                <a href={explorerTxUrl(t.signature, settings)} target="_blank" rel="noreferrer">
                  Explorer
                </a>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Stats({ items, label }: { items: readonly [string, ReactNode][]; label?: string }) {
  return (
    <dl className="stats" aria-label={label}>
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Timeline({ steps, current, failed }: { steps: readonly string[]; current: number; failed?: boolean }) {
  return (
    <ol className="timeline" aria-label="Status">
      {steps.map((s, i) => (
        <li key={s} className={i < current ? 'done' : i === current ? (failed ? 'failed' : 'current') : 'todo'} aria-current={i === current ? 'step' : undefined}>
          {s}
        </li>
      ))}
    </ol>
  );
}

export interface Series {
  name: string;
  points: readonly { x: number; y: number }[];
  dashed?: boolean;
}

/** A line chart of one or more series, with an optional shaded band; a table of the values for screen readers. */
/** A line chart; `fromZero` (the default) starts the y axis at zero, otherwise it spans the values with a margin. */
export function Chart({ title, series, band, format, fromZero = true }: { title: string; series: readonly Series[]; band?: { low: number; high: number }; format: (v: number) => string; fromZero?: boolean }) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) {
    return (
      <figure className="chart">
        <figcaption>{title}</figcaption>
        <p className="muted">No data yet.</p>
      </figure>
    );
  }
  const W = 320;
  const H = 140;
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y).concat(band ? [band.low, band.high] : []);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [lo, hi] = [Math.min(...ys), Math.max(...ys)];
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.05 || 1;
  const [y0, y1] = fromZero ? [Math.min(0, lo), hi || 1] : [lo - pad, hi + pad];
  const sx = (x: number) => (x1 === x0 ? W / 2 : ((x - x0) / (x1 - x0)) * (W - 8) + 4);
  const sy = (y: number) => H - 4 - ((y - y0) / (y1 - y0 || 1)) * (H - 8);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {band && <rect x={0} width={W} y={sy(band.high)} height={Math.max(0, sy(band.low) - sy(band.high))} className="band" />}
        {series.map((s, i) => (
          <polyline
            key={s.name}
            className={`line line-${i}`}
            strokeDasharray={s.dashed ? '4 3' : undefined}
            fill="none"
            points={s.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}
          />
        ))}
      </svg>
      <div className="legend">
        {series.map((s, i) => (
          <span key={s.name} className={`key key-${i}`}>
            {s.name}: {s.points.length ? format(s.points[s.points.length - 1]!.y) : '—'}
          </span>
        ))}
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>
          {series.map((s) => (
            <tr key={s.name}>
              <th scope="row">{s.name}</th>
              <td>{s.points.map((p) => format(p.y)).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function Loading({ error, loading }: { error: string | null; loading: boolean }) {
  if (error) return <p className="error" role="alert">{error}</p>;
  if (loading) return <p className="muted" aria-busy="true">Loading…</p>;
  return null;
}
