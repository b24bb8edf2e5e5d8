import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';

/** The ranges the burn-rate chart offers, in hours. */
export const SLO_RANGES: ReadonlyArray<{ hours: number; label: string }> = [
  { hours: 6, label: '6 h' },
  { hours: 24, label: '24 h' },
  { hours: 7 * 24, label: '7 d' },
];

/** Which range the chart covers; the chosen one is pressed. */
export function RangeChoice(props: {
  hours: number;
  onChange: (hours: number) => void;
}) {
  const { hours, onChange } = props;
  return (
    <ButtonGroup size="small" aria-label="Range">
      {SLO_RANGES.map(range => (
        <Button
          key={range.hours}
          aria-pressed={range.hours === hours}
          variant={range.hours === hours ? 'contained' : 'outlined'}
          color={range.hours === hours ? 'primary' : 'default'}
          onClick={() => onChange(range.hours)}
        >
          {range.label}
        </Button>
      ))}
    </ButtonGroup>
  );
}
