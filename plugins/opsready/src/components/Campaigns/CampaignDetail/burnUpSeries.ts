import { DateTime } from 'luxon';
import { CampaignProgress } from '../../../api/OpsReadyApi';

/**
 * One point of the burn-up chart, at `t` (epoch ms). A point has the
 * recorded figures, the projection, or both where the projection starts.
 */
export interface BurnUpRow {
  t: number;
  done?: number;
  /** Done or exempt. */
  finished?: number;
  total?: number;
  projected?: number;
}

export interface BurnUpSeries {
  rows: BurnUpRow[];
  domain: [number, number];
  deadlineT: number;
  /** Where the projection line ends: the projected date, or the cut-off. */
  projectedT?: number;
  /** The projection runs past the chart and is cut off at its edge. */
  projectionCut: boolean;
}

const dayStart = (day: string) =>
  DateTime.fromISO(day, { zone: 'utc' }).startOf('day').toMillis();

/**
 * The burn-up's points from the daily figures, and the projection as a
 * line from the last day's finished count to the total on the projected
 * date. A projection far past the deadline is cut off where the chart
 * ends (as far past the deadline as the campaign runs before it), so a
 * slow rate does not flatten the rest of the chart.
 */
export function burnUpSeries(
  progress: Pick<CampaignProgress, 'burnUp' | 'projection' | 'figures'>,
  startsAt: string,
  deadline: string,
): BurnUpSeries {
  const rows: BurnUpRow[] = progress.burnUp.map(p => ({
    t: dayStart(p.day),
    done: p.done,
    finished: p.done + p.exempt,
    total: p.total,
  }));
  const startT = Math.min(Date.parse(startsAt), rows[0]?.t ?? Infinity);
  const deadlineT = Date.parse(deadline);
  const last = rows[rows.length - 1];
  const lastT = last?.t ?? startT;
  const chartEnd = deadlineT + Math.max(deadlineT - startT, 7 * 86_400_000);
  const projectedAt = progress.projection.projectedCompletion;

  let projectedT: number | undefined;
  let projectionCut = false;
  if (last && projectedAt && progress.figures.open > 0) {
    const target = Date.parse(projectedAt);
    const from = last.finished ?? 0;
    const to = last.total ?? from;
    projectedT = Math.min(target, chartEnd);
    projectionCut = target > chartEnd;
    const share = target > lastT ? (projectedT - lastT) / (target - lastT) : 1;
    last.projected = from;
    rows.push({
      t: projectedT,
      projected: Math.round((from + (to - from) * share) * 10) / 10,
      total: to,
    });
  }

  const end = Math.max(lastT, deadlineT, projectedT ?? 0);
  return {
    rows,
    domain: [Math.min(startT, lastT), end],
    deadlineT,
    projectedT,
    projectionCut,
  };
}
