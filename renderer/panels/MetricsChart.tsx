import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import type { MetricsPoint } from '../../shared/api/metricsTypes';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

type Series = ChartDataset<'line', (number | null)[]>;

/** The curves: against the ground truth when there is one, else how far edits moved from the original. */
function series(history: readonly MetricsPoint[]): Series[] {
  const line = (label: string, color: string, data: (number | null)[], yAxisID = 'y'): Series => ({
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 1.5,
    pointRadius: 2,
    tension: 0,
    yAxisID,
  });
  if (history.some((p) => p.groundTruth)) {
    return [
      line(
        'VOI split',
        '#5aa9ff',
        history.map((p) => p.groundTruth?.voi_split ?? null),
      ),
      line(
        'VOI merge',
        '#ff8a5a',
        history.map((p) => p.groundTruth?.voi_merge ?? null),
      ),
      line(
        'ARE',
        '#c88dff',
        history.map((p) => p.groundTruth?.adapted_rand_error ?? null),
        'y1',
      ),
      line(
        'NERL',
        '#5fd38d',
        history.map((p) => p.groundTruth?.nerl ?? null),
        'y1',
      ),
    ];
  }
  return [
    line(
      'VI split vs original',
      '#5aa9ff',
      history.map((p) => p.change.voi_split),
    ),
    line(
      'VI merge vs original',
      '#ff8a5a',
      history.map((p) => p.change.voi_merge),
    ),
  ];
}

/** A chart.js line chart of the metrics over the edit history, updated in place. */
export function MetricsChart({ history }: { history: readonly MetricsPoint[] }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'line', (number | null)[], string> | null>(null);
  const historyRef = useRef(history);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const grid = { color: 'rgba(255,255,255,0.08)' };
    const ticks = { color: '#9aa0a8', font: { size: 10 } };
    const chart = new Chart<'line', (number | null)[], string>(canvas, {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            grid,
            ticks: { ...ticks, maxTicksLimit: 8 },
            title: { display: true, text: 'edit', color: '#9aa0a8' },
          },
          y: { grid, ticks, beginAtZero: true, title: { display: true, text: 'bits', color: '#9aa0a8' } },
          y1: { position: 'right', min: 0, max: 1, grid: { drawOnChartArea: false }, ticks },
        },
        plugins: {
          legend: { labels: { color: '#d8dce2', boxWidth: 10, font: { size: 10 } } },
          tooltip: {
            callbacks: { title: (items) => historyRef.current[items[0]?.dataIndex ?? -1]?.label ?? '' },
          },
        },
      },
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    historyRef.current = history;
    const chart = chartRef.current;
    if (!chart) return;
    chart.data.labels = history.map((p) => (p.step === 0 ? 'start' : `${p.step}`));
    chart.data.datasets = series(history);
    const hasGt = history.some((p) => p.groundTruth);
    chart.options.scales!.y1!.display = hasGt;
    chart.update('none');
  }, [history]);

  return (
    <div className="metrics-chart">
      <canvas ref={canvasRef} data-testid="metrics-chart" aria-label="Metrics over the edit history" />
    </div>
  );
}
