/**
 * The code-entry state diagram of docs/call-flow.md, drawn as inline SVG with
 * the current state and the steps just taken lit. The phases are the
 * machine's own (EntryPhase), so a phase the diagram did not draw fails to
 * compile rather than going dark.
 */
import type { EntryPhase } from 'account-codes';
import type { Step } from './session.js';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
}
const H = 40;
const BOXES: Readonly<Record<EntryPhase, Box>> = {
  collecting: { x: 70, y: 110, w: 140 },
  'awaiting-lookup': { x: 320, y: 110, w: 160 },
  connected: { x: 540, y: 15, w: 175 },
  'connected-after-max-retries': { x: 540, y: 110, w: 175 },
  ended: { x: 540, y: 205, w: 175 },
  abandoned: { x: 200, y: 245, w: 140 },
  // docs/rules.md#lockout: a locked scope, or a ledger that cannot be reached, ends the call unconnected.
  'locked-out': { x: 540, y: 300, w: 175 },
  'ledger-unavailable': { x: 540, y: 365, w: 175 },
};

interface Edge {
  readonly from: EntryPhase | 'start';
  readonly to: EntryPhase;
  readonly path: string;
  /** What takes the edge, in the words of docs/call-flow.md. */
  readonly label: string;
  /** Where the label goes; none for edges whose twin carries the same label. */
  readonly at?: readonly [number, number];
  /** The label as drawn, when the full one does not fit. */
  readonly short?: string;
}
const EDGES: readonly Edge[] = [
  { from: 'start', to: 'collecting', path: 'M 38 130 L 70 130', label: 'start: play enter-code' },
  {
    from: 'collecting',
    to: 'collecting',
    path: 'M 110 110 C 95 60, 185 60, 170 110',
    label: 'digit · * · short entry, retries left',
    at: [140, 66],
  },
  {
    from: 'collecting',
    to: 'awaiting-lookup',
    path: 'M 210 122 L 320 122',
    label: 'code keyed, validating: lookup',
    short: 'lookup',
    at: [265, 115],
  },
  {
    from: 'awaiting-lookup',
    to: 'collecting',
    path: 'M 320 140 L 210 140',
    label: 'not on the list, retries left',
    short: 'miss, retries left',
    at: [265, 157],
  },
  {
    from: 'collecting',
    to: 'connected',
    path: 'M 190 110 Q 330 20 540 32',
    label: 'code keyed, tracking: connect',
    at: [350, 44],
  },
  {
    from: 'awaiting-lookup',
    to: 'connected',
    path: 'M 440 110 Q 480 50 540 40',
    label: 'on the list: connect',
    at: [500, 78],
  },
  {
    from: 'awaiting-lookup',
    to: 'connected-after-max-retries',
    path: 'M 480 130 L 540 130',
    label: 'last miss, allowed: connect untagged',
  },
  {
    from: 'collecting',
    to: 'connected-after-max-retries',
    path: 'M 180 150 Q 380 200 540 142',
    label: 'last incorrect attempt, allowed: connect untagged',
  },
  {
    from: 'awaiting-lookup',
    to: 'ended',
    path: 'M 460 150 Q 500 210 540 220',
    label: 'last incorrect attempt: end',
    at: [498, 200],
  },
  {
    from: 'collecting',
    to: 'ended',
    path: 'M 150 150 Q 350 260 540 232',
    label: 'last incorrect attempt: end',
  },
  {
    from: 'collecting',
    to: 'abandoned',
    path: 'M 120 150 L 230 245',
    label: 'hangup',
    at: [158, 212],
  },
  {
    from: 'start',
    to: 'locked-out',
    path: 'M 30 138 L 30 320 L 540 320',
    label: 'start, scope locked: play locked-out, end',
    at: [250, 313],
  },
  {
    from: 'start',
    to: 'ledger-unavailable',
    path: 'M 30 320 L 30 385 L 540 385',
    label: 'start, ledger unreachable: play locked-out, end (fail closed)',
    short: 'start, ledger unreachable: fail closed',
    at: [250, 378],
  },
  {
    from: 'awaiting-lookup',
    to: 'locked-out',
    path: 'M 470 150 Q 480 280 540 308',
    label: 'refused, or the miss that locks the scope: play locked-out, end',
    short: 'refused / locks',
    at: [452, 262],
  },
  {
    from: 'awaiting-lookup',
    to: 'ledger-unavailable',
    path: 'M 478 150 Q 500 350 540 372',
    label: 'ledger unreachable: play locked-out, end (fail closed)',
  },
  {
    from: 'awaiting-lookup',
    to: 'abandoned',
    path: 'M 380 150 L 320 245',
    label: 'hangup',
    at: [372, 212],
  },
];

/** The diagram; `phase` is lit, and so is every step of `steps`. */
export function CallFlow(props: { phase: EntryPhase | undefined; steps: readonly Step[] }) {
  const { phase, steps } = props;
  const lit = (edge: Edge) => steps.some((s) => s.from === edge.from && s.to === edge.to);
  return (
    <svg viewBox="0 0 720 410" role="img" aria-labelledby="flow-title" data-phase={phase ?? 'none'}>
      <title id="flow-title">
        Code-entry call flow{phase === undefined ? '' : `; the call is now ${phase}`}
      </title>
      <defs>
        <marker
          id="flow-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#4a535e" />
        </marker>
      </defs>
      <circle cx="30" cy="130" r="8" fill="#1b1f24" />
      {EDGES.map((edge) => (
        <g
          key={`${edge.from}-${edge.to}`}
          class={lit(edge) ? 'edge lit' : 'edge'}
          data-edge={`${edge.from}->${edge.to}`}
        >
          <title>{edge.label}</title>
          <path d={edge.path} marker-end="url(#flow-arrow)" />
          {edge.at !== undefined && (
            <text x={edge.at[0]} y={edge.at[1]} text-anchor="middle">
              {edge.short ?? edge.label}
            </text>
          )}
        </g>
      ))}
      {(Object.keys(BOXES) as EntryPhase[]).map((name) => {
        const box = BOXES[name];
        return (
          <g key={name} class={name === phase ? 'state lit' : 'state'} data-state={name}>
            <rect x={box.x} y={box.y} width={box.w} height={H} rx="8" />
            <text x={box.x + box.w / 2} y={box.y + H / 2 + 4} text-anchor="middle">
              {name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
