// Small accessible building blocks: labelled fields with their problem in words, the activity panel with each
// transaction's progress, stat lists, a status timeline and an SVG line chart.
import { useId, useState, type ReactNode } from 'react';
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
        <small id={errId} className="error">
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

/**
 * A form for one action. Its button stays focusable while the action cannot be sent (`aria-disabled`, the reason
 * read out with it); under the button, the progress of the transaction this form started, announced politely.
 */
export function ActionForm(props: {
  title: string;
  children?: ReactNode;
  submit: string;
  problems?: readonly string[];
  onSubmit: () => void;
  disabled?: boolean;
  /** Heading level of the title (3 inside a section, 2 directly under the page's title, 4 inside an article). */
  level?: 2 | 3 | 4;
  /** A button that needs a second look (rejections): the secondary style. */
  secondary?: boolean;
  /** Why the action cannot be sent yet, when that is no fault of the inputs (shown quietly; blocks sending). */
  reason?: string | undefined;
  /** Problems already shown under their own fields (not repeated in the list; they still block sending). */
  atFields?: readonly (string | undefined)[];
}) {
  const { busy, me, txs, peekTxId } = useApp();
  const id = useId();
  const [mine, setMine] = useState<number | null>(null);
  const problems = props.problems ?? [];
  // "Enter an amount." and the like are prompts for an empty form, not errors: shown quietly
  const errors = problems.filter((p) => !p.startsWith('Enter ') && !p.startsWith('Fill in ') && !(props.atFields ?? []).includes(p));
  const prompts = problems.filter((p) => !errors.includes(p) && !(props.atFields ?? []).includes(p));
  const blocked = busy || !me || problems.length > 0 || !!props.disabled || !!props.reason;
  const tx = mine === null ? undefined : txs.find((t) => t.id === mine);
  const Heading = props.level === 2 ? 'h2' : props.level === 4 ? 'h4' : 'h3';
  return (
    <form
      className="card action"
      aria-labelledby={`${id}-t`}
      onSubmit={(e) => {
        e.preventDefault();
        if (blocked) return;
        setMine(peekTxId());
        props.onSubmit();
      }}
    >
      <Heading id={`${id}-t`}>{props.title}</Heading>
      {props.children}
      <div id={`${id}-why`} aria-live="polite">
        {errors.length > 0 && (
          <ul className="problems" aria-label="What to fix before signing">
            {errors.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {errors.length === 0 && prompts.length > 0 && <small className="hint">{prompts[0]}</small>}
        {props.reason && <small className="hint">{props.reason}</small>}
        {!me && <small className="hint">Connect a wallet to sign.</small>}
        {me && busy && !tx && <small className="hint">Another transaction is in progress.</small>}
      </div>
      <button type="submit" className={props.secondary ? 'secondary' : undefined} aria-disabled={blocked || undefined} aria-describedby={blocked ? `${id}-why` : undefined}>
        {props.submit}
      </button>
      {tx && (
        <p className={`txline tx-${tx.stage}`} role="status">
          {STAGE_TEXT[tx.stage]}
          {tx.error && <span className="error"> {tx.error}</span>}
          {tx.signature && (
            <>
              {' '}
              <a href={`#/tx/${tx.signature}`}>View the transaction</a>
            </>
          )}
        </p>
      )}
    </form>
  );
}

const STAGE_TEXT: Record<TxStage, string> = {
  simulating: 'Checking with the chain…',
  'awaiting-signature': 'Awaiting your signature in the wallet…',
  sent: 'Sent, waiting for confirmation…',
  confirmed: 'Confirmed',
  failed: 'Failed',
  unknown: 'Sent; outcome unknown',
};

/** Every transaction of this session with its progress; announced to screen readers as it changes. */
export function TxPanel() {
  const { txs, settings } = useApp();
  return (
    <aside className={`txpanel${txs.length === 0 ? ' empty' : ''}`} aria-labelledby="activity-title">
      <h2 id="activity-title">Activity</h2>
      <ol aria-live="polite">
        {txs.length === 0 && <li className="muted">No transactions yet.</li>}
        {txs.map((t) => (
          <li key={t.id} className={`tx tx-${t.stage}`} data-testid="tx" data-stage={t.stage}>
            <strong>{t.label}</strong>: <span className="stage">{STAGE_TEXT[t.stage]}</span>
            {t.error && <div className="error">{t.error}</div>}
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
    </aside>
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
          <span className="sr-only">{i < current ? ' (done)' : i === current ? (failed ? ' (stopped here)' : ' (current step)') : ' (not yet)'}</span>
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

/**
 * A line chart of one or more series with an optional shaded band, its y range labelled; for screen readers a
 * table of every value (the drawing itself is hidden from them). `fromZero` (the default) starts the y axis at
 * zero, otherwise it spans the values with a margin. `xLabel` names the x values in the table.
 */
export function Chart({
  title,
  series,
  band,
  format,
  fromZero = true,
  xLabel = 'Point',
  formatX = (x: number) => String(x),
}: {
  title: string;
  series: readonly Series[];
  band?: { low: number; high: number; label?: string };
  format: (v: number) => string;
  fromZero?: boolean;
  xLabel?: string;
  formatX?: (x: number) => string;
}) {
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
  const L = 44; // room for the y labels
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y).concat(band ? [band.low, band.high] : []);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [lo, hi] = [Math.min(...ys), Math.max(...ys)];
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.05 || 1;
  const [y0, y1] = fromZero ? [Math.min(0, lo), hi || 1] : [lo - pad, hi + pad];
  const sx = (x: number) => (x1 === x0 ? (W + L) / 2 : L + ((x - x0) / (x1 - x0)) * (W - L - 4));
  const sy = (y: number) => H - 4 - ((y - y0) / (y1 - y0 || 1)) * (H - 8);
  const xsSorted = [...new Set(xs)].sort((a, b) => a - b);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
        {band && <rect x={L} width={W - L} y={sy(band.high)} height={Math.max(0, sy(band.low) - sy(band.high))} className="band" />}
        <text x={L - 4} y={12} className="axis" textAnchor="end">
          {format(y1)}
        </text>
        <text x={L - 4} y={H - 4} className="axis" textAnchor="end">
          {format(y0)}
        </text>
        <line x1={L} x2={L} y1={2} y2={H - 2} className="axis-line" />
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
        {band && <span className="key key-band">{band.label ?? 'Band'}: {format(band.low)} to {format(band.high)}</span>}
      </div>
      <div className="sr-only">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{xLabel}</th>
            {series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {xsSorted.map((x) => (
            <tr key={x}>
              <th scope="row">{formatX(x)}</th>
              {series.map((s) => {
                const p = s.points.find((q) => q.x === x);
                return <td key={s.name}>{p ? format(p.y) : '—'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}

/** A table that scrolls sideways on a narrow screen, reachable by keyboard. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function Loading({ error, loading }: { error: string | null; loading: boolean }) {
  if (error) return <p className="error" role="alert">{error}</p>;
  if (loading) return <p className="muted" role="status">Loading…</p>;
  return null;
}
