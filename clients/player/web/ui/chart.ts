/**
 * The live chart: buffer (seconds, solid) and bitrate (kbps, dashed) over wall time, on a background
 * banded by the CDN each moment's segments came from. Plain canvas; no chart library.
 */
import type { TimelineSample } from '../playbackTimeline';

const CDN_COLOURS = ['#dbeafe', '#fde68a', '#dcfce7', '#fce7f3', '#ede9fe'];

export function drawChart(
  canvas: HTMLCanvasElement,
  samples: readonly TimelineSample[],
  cdnIds: readonly string[],
  options: { maxBufferSeconds: number; maxKbps: number },
): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const { width, height } = canvas;
  const pad = { left: 40, right: 80, top: 10, bottom: 22 };
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  context.clearRect(0, 0, width, height);
  context.font = '11px system-ui, sans-serif';
  const spanMs = Math.max(30_000, samples.at(-1)?.atMs ?? 0);
  const x = (atMs: number) => pad.left + (atMs / spanMs) * plotWidth;
  const yBuffer = (seconds: number) =>
    pad.top +
    plotHeight -
    (Math.min(seconds, options.maxBufferSeconds) / options.maxBufferSeconds) * plotHeight;
  const yKbps = (kbps: number) =>
    pad.top + plotHeight - (Math.min(kbps, options.maxKbps) / options.maxKbps) * plotHeight;
  const colourOf = (cdnId: string) => CDN_COLOURS[Math.max(0, cdnIds.indexOf(cdnId)) % CDN_COLOURS.length]!;

  // CDN bands.
  samples.forEach((sample, index) => {
    const next = samples[index + 1]?.atMs ?? sample.atMs;
    context.fillStyle = colourOf(sample.cdnId);
    context.fillRect(x(sample.atMs), pad.top, Math.max(1, x(next) - x(sample.atMs)), plotHeight);
  });
  // Axes.
  context.strokeStyle = '#94a3b8';
  context.strokeRect(pad.left, pad.top, plotWidth, plotHeight);
  context.fillStyle = '#334155';
  context.fillText(`${options.maxBufferSeconds} s`, 4, pad.top + 10);
  context.fillText('0 s', 4, pad.top + plotHeight);
  context.fillText(`${Math.round(options.maxKbps)} kbps`, width - pad.right + 4, pad.top + 10);
  context.fillText(`${Math.round(spanMs / 1000)} s`, width - pad.right - 24, height - 6);

  const line = (y: (sample: TimelineSample) => number, colour: string, dash: number[]) => {
    if (samples.length === 0) return;
    context.beginPath();
    context.setLineDash(dash);
    context.strokeStyle = colour;
    context.lineWidth = 2;
    samples.forEach((sample, index) => {
      if (index === 0) context.moveTo(x(sample.atMs), y(sample));
      else context.lineTo(x(sample.atMs), y(sample));
    });
    context.stroke();
    context.setLineDash([]);
  };
  line((sample) => yBuffer(sample.bufferSeconds), '#0f766e', []);
  line((sample) => yKbps(sample.kbps), '#7c3aed', [6, 4]);

  // Legend.
  let legendX = pad.left + 6;
  const legend = (label: string, colour: string) => {
    context.fillStyle = colour;
    context.fillRect(legendX, height - 14, 10, 10);
    context.fillStyle = '#334155';
    context.fillText(label, legendX + 14, height - 5);
    legendX += context.measureText(label).width + 30;
  };
  legend('buffer', '#0f766e');
  legend('bitrate', '#7c3aed');
  cdnIds.forEach((cdnId) => legend(cdnId, colourOf(cdnId)));
}
