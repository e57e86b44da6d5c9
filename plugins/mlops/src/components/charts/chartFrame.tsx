import { useTheme } from '@material-ui/core/styles';

/** The drawing area every chart of the plugin shares (SVG user units; the SVG scales to its container). */
export const WIDTH = 420;
export const HEIGHT = 170;
export const PAD = { left: 52, right: 12, top: 12, bottom: 26 };

/** Where a value sits on the y axis of a chart whose top is `max`, 0 at the bottom. */
export function yScale(max: number) {
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  return (value: number) => PAD.top + plotHeight * (1 - value / max);
}

/** The y and x axis lines, with ticks at 0, half and `max`. */
export function ChartAxes(props: { max: number; format(v: number): string }) {
  const theme = useTheme();
  const y = yScale(props.max);
  return (
    <>
      <line
        x1={PAD.left}
        x2={PAD.left}
        y1={PAD.top}
        y2={HEIGHT - PAD.bottom}
        stroke={theme.palette.divider}
      />
      <line
        x1={PAD.left}
        x2={WIDTH - PAD.right}
        y1={y(0)}
        y2={y(0)}
        stroke={theme.palette.divider}
      />
      {[0, props.max / 2, props.max].map(tick => (
        <text
          key={tick}
          x={PAD.left - 4}
          y={y(tick) + 4}
          fontSize={10}
          textAnchor="end"
          fill={theme.palette.text.secondary}
        >
          {props.format(tick)}
        </text>
      ))}
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
