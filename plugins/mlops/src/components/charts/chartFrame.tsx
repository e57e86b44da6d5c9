import { useTheme } from '@material-ui/core/styles';
import { ChartUnit, tickIn } from './chartUnits';

/** The drawing area every chart of the plugin shares (SVG user units; the SVG scales to its container). */
export const WIDTH = 420;
export const HEIGHT = 180;
export const PAD = { left: 56, right: 12, top: 12, bottom: 34 };

/** Where a value sits on the y axis of a chart whose top is `max`, 0 at the bottom. */
export function yScale(max: number) {
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  return (value: number) => PAD.top + plotHeight * (1 - value / max);
}

/** Where a time (epoch milliseconds) sits on the x axis running from `from` to `to`; one instant sits mid-way. */
export function xScale(from: number, to: number) {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  return (at: number) =>
    PAD.left +
    (to > from ? ((at - from) / (to - from)) * plotWidth : plotWidth / 2);
}

/** A time axis tick: with seconds over a short span, with the date over a long one. */
export function timeTick(at: number, span: number): string {
  const date = new Date(at);
  if (span > 24 * 3600 * 1000) {
    return date.toLocaleString([], {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  }
  return date.toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    ...(span < 10 * 60 * 1000 ? { second: '2-digit' } : {}),
  });
}

/**
 * The value axis (ticks at 0, half and `max` in the chart's unit, the unit as the axis title) and the time axis
 * (ticks at the first, middle and last instant, local time). Without a time range the chart has no data yet and
 * says so where the time axis would be.
 */
export function ChartAxes(props: {
  max: number;
  unit: ChartUnit;
  time?: { from: number; to: number };
  /** Shown instead of the time axis when there is no time range. */
  empty: string;
}) {
  const theme = useTheme();
  const { max, unit, time } = props;
  const y = yScale(max);
  const text = theme.palette.text.secondary;
  const bottom = HEIGHT - PAD.bottom;
  const middleY = PAD.top + (bottom - PAD.top) / 2;
  return (
    <>
      <line
        x1={PAD.left}
        x2={PAD.left}
        y1={PAD.top}
        y2={bottom}
        stroke={theme.palette.divider}
      />
      <line
        x1={PAD.left}
        x2={WIDTH - PAD.right}
        y1={y(0)}
        y2={y(0)}
        stroke={theme.palette.divider}
      />
      <text
        x={12}
        y={middleY}
        fontSize={10}
        textAnchor="middle"
        transform={`rotate(-90 12 ${middleY})`}
        fill={text}
        data-axis="value"
      >
        {unit.axis}
      </text>
      {[0, max / 2, max].map(tick => (
        <text
          key={tick}
          x={PAD.left - 4}
          y={y(tick) + 4}
          fontSize={10}
          textAnchor="end"
          fill={text}
        >
          {tickIn(unit, tick)}
        </text>
      ))}
      {time ? (
        <g data-axis="time">
          {(time.to > time.from
            ? [time.from, (time.from + time.to) / 2, time.to]
            : [time.from]
          ).map((at, i, ticks) => {
            const x = xScale(time.from, time.to)(at);
            const anchors = ['start', 'middle', 'end'] as const;
            const anchor = ticks.length === 1 ? 'middle' : anchors[i];
            return (
              <g key={at}>
                <line
                  x1={x}
                  x2={x}
                  y1={bottom}
                  y2={bottom + 4}
                  stroke={theme.palette.divider}
                />
                <text
                  x={x}
                  y={bottom + 15}
                  fontSize={10}
                  textAnchor={anchor}
                  fill={text}
                >
                  {timeTick(at, time.to - time.from)}
                </text>
              </g>
            );
          })}
          <text
            x={WIDTH - PAD.right}
            y={HEIGHT - 2}
            fontSize={9}
            textAnchor="end"
            fill={text}
          >
            time (local)
          </text>
        </g>
      ) : (
        <text x={PAD.left} y={bottom + 15} fontSize={10} fill={text}>
          {props.empty}
        </text>
      )}
    </>
  );
}

/** A dashed horizontal line at `value` with its label at the right end. */
export function ThresholdLine(props: {
  max: number;
  value: number;
  label: string;
  colour: string;
}) {
  const y = yScale(props.max)(props.value);
  return (
    <g>
      <line
        x1={PAD.left}
        x2={WIDTH - PAD.right}
        y1={y}
        y2={y}
        stroke={props.colour}
        strokeDasharray="6 4"
      />
      <text
        x={WIDTH - PAD.right}
        y={y - 4}
        fontSize={10}
        textAnchor="end"
        fill={props.colour}
      >
        {props.label}
      </text>
    </g>
  );
}
