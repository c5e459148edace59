// Small text helpers shared by the renderers.

/** 0.4s, 12.3s, 1m 05s. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** "█████░░░░░" for done/total, `width` cells. */
export function progressBar(done: number, total: number, width = 20): string {
  const ratio = total <= 0 ? 0 : Math.min(1, Math.max(0, done / total));
  const full = Math.round(ratio * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** "12/60 steps", or "120 MB/1.4 GB" for bytes. */
export function formatCount(done: number, total: number | undefined, unit: string): string {
  if (unit === 'bytes') {
    const bytes = (n: number): string => {
      let value = n;
      let i = 0;
      while (value >= 1024 && i < UNITS.length - 1) {
        value /= 1024;
        i += 1;
      }
      return `${value >= 100 || i === 0 ? Math.round(value) : value.toFixed(1)} ${UNITS[i] ?? 'B'}`;
    };
    return total === undefined ? bytes(done) : `${bytes(done)}/${bytes(total)}`;
  }
  return total === undefined ? `${done} ${unit}` : `${done}/${total} ${unit}`;
}
