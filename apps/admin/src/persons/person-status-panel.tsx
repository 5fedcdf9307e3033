import { ACKNOWLEDGEMENT_LABELS, LEGAL_CATEGORY_LABELS, labelOf } from '../labels.ts';
import { Badge } from '../ui/badges.tsx';

/**
 * The person's derived status: liberty, life, acknowledgement by the detaining state and legal
 * category, each with the reasons behind it. The status is computed by `@vigil/domain` from
 * accepted events and claims and stored on the person; this panel only shows what the server
 * sends. Until the status module is running, persons carry no status and the panel says so.
 *
 * The status arrives as JSON the app does not own, so it is read defensively: a dimension
 * or reason with an unexpected shape is left out rather than breaking the page.
 */
export function PersonStatusPanel({
  status,
  summary,
}: {
  status: unknown;
  summary: string | null | undefined;
}) {
  const dimensions = readDimensions(status);
  const flags = isRecord(status) && isRecord(status.flags) ? status.flags : {};
  return (
    <section
      className="panel status-panel"
      aria-labelledby="status-heading"
      data-testid="person-status-panel"
    >
      <div className="panel-header">
        <h2 id="status-heading">Status</h2>
        <span className="muted small">Derived from accepted events and claims</span>
      </div>
      {summary || dimensions.length > 0 ? (
        <>
          {summary ? <p className="status-summary">{summary}</p> : null}
          {flags.disappeared === true || flags.contactLost === true ? (
            <p className="status-flags">
              {flags.disappeared === true ? (
                <Badge tone="bad">Possibly forcibly disappeared</Badge>
              ) : null}
              {flags.contactLost === true ? <Badge tone="warn">Contact lost</Badge> : null}
            </p>
          ) : null}
          {dimensions.length > 0 ? (
            <div className="status-dimensions">
              {dimensions.map((d) => (
                <div key={d.label} className="status-dimension">
                  <h3>{d.label}</h3>
                  <p className="status-value">
                    {d.value}
                    {d.contested ? <Badge tone="bad">Contested</Badge> : null}
                  </p>
                  {d.detail ? <p className="muted small">{d.detail}</p> : null}
                  {d.reasons.length > 0 ? (
                    <ul className="status-reasons">
                      {d.reasons.map((reason, i) => (
                        <li key={i} className={`reason reason-${reason.kind}`}>
                          {reason.text}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              ))}
            </div>
          ) : null}
        </>
      ) : (
        <p className="muted">
          Not derived yet. The status will appear here, with the events and sources behind it, once
          it has been computed from accepted claims.
        </p>
      )}
    </section>
  );
}

interface DimensionView {
  label: string;
  value: string;
  detail: string | null;
  contested: boolean;
  reasons: { kind: string; text: string }[];
}

const DIMENSIONS = [
  ['liberty', 'Liberty'],
  ['life', 'Life'],
  ['acknowledgement', 'Acknowledgement'],
  ['legal', 'Legal category'],
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const words = (value: string) => value.replaceAll('_', ' ');
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A dimension's value in words: the app's labels where it has them, the value's own words otherwise. */
function valueText(dimension: string, value: string): string {
  if (dimension === 'acknowledgement' && value !== 'unknown')
    return labelOf(ACKNOWLEDGEMENT_LABELS, value);
  if (dimension === 'legal') return labelOf(LEGAL_CATEGORY_LABELS, value);
  return sentence(words(value));
}

function readDimensions(status: unknown): DimensionView[] {
  if (!isRecord(status)) return [];
  return DIMENSIONS.flatMap(([key, label]) => {
    const raw = status[key];
    if (!isRecord(raw)) return [];
    let value: string | null = null;
    if (typeof raw.value === 'string') {
      value = valueText(key, raw.value);
      if (typeof raw.heldState === 'string') value += ` — ${words(raw.heldState)}`;
    } else if (key === 'legal') {
      const asserted = Array.isArray(raw.asserted)
        ? raw.asserted.flatMap((a) =>
            isRecord(a) && typeof a.category === 'string' ? [valueText(key, a.category)] : [],
          )
        : [];
      value =
        typeof raw.assessed === 'string'
          ? valueText(key, raw.assessed)
          : asserted.length > 0
            ? `Asserted: ${asserted.join(', ')}`
            : 'Unknown';
    }
    if (value === null) return [];
    const reasons = Array.isArray(raw.reasons)
      ? raw.reasons.flatMap((r) =>
          isRecord(r) && typeof r.text === 'string'
            ? [{ kind: typeof r.kind === 'string' ? r.kind : 'note', text: r.text }]
            : [],
        )
      : [];
    return [
      {
        label,
        value,
        detail: typeof raw.detail === 'string' ? raw.detail : null,
        contested: raw.contested === true,
        reasons,
      },
    ];
  });
}
